// Packages that lean on node's built-ins (Buffer, crypto, string_decoder,
// stream's Stream class): the same script on node and nano-boa
// (examples/interop/check.sh compares the two outputs).
const out = (name, value) => console.log(`${name}: ${JSON.stringify(value)}`);
const sig = require("cookie-signature");
out("cookie-signature", [sig.sign("hello", "s3cret"), sig.unsign(sig.sign("hello", "s3cret"), "s3cret"), sig.unsign("hello.bad", "s3cret")]);
const iconv = require("iconv-lite");
out("iconv-lite", [iconv.encode("héllo €", "win1252").toString("hex"), iconv.decode(Buffer.from([0xe9, 0x80]), "win1252"), iconv.decode(iconv.encode("日本語", "utf16le"), "utf16le"), iconv.decode(iconv.encode("Ωmega", "iso-8859-7"), "iso-8859-7"), iconv.decode(Buffer.from("c3a9", "hex"), "utf8")]);
const bcrypt = require("bcryptjs");
const hash = bcrypt.hashSync("pw", "$2a$04$abcdefghijklmnopqrstuu");
out("bcryptjs", [hash, bcrypt.compareSync("pw", hash), bcrypt.compareSync("nope", hash), bcrypt.genSaltSync(4).length]);
const { Buffer: SafeBuffer } = require("safe-buffer");
out("safe-buffer", [SafeBuffer.from("hi").toString("base64"), SafeBuffer.alloc(2).length, SafeBuffer.isBuffer(Buffer.from("x"))]);
const jwt = require("jsonwebtoken");
const token = jwt.sign({ sub: "42", admin: true }, "secret", { noTimestamp: true, algorithm: "HS256" });
const verifyError = (() => { try { jwt.verify(token, "wrong"); } catch (e) { return `${e.name}: ${e.message}`; } })();
out("jsonwebtoken", [token, jwt.verify(token, "secret"), verifyError, jwt.decode(token, { complete: true }).header, jwt.sign({ a: 1 }, Buffer.from("k"), { noTimestamp: true, algorithm: "HS512" })]);
