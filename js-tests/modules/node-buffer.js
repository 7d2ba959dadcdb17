/*---
description: >
  node:buffer and the Buffer global: Buffer is a Uint8Array whose
  prototype is Buffer.prototype; from/alloc/concat/byteLength/compare;
  every encoding both ways (utf8, hex, base64 and base64url leniently,
  latin1, ascii, utf16le); slice sharing memory; write, fill, indexOf,
  copy, swap; the read/write integer, float and BigInt methods; node's
  coded errors; inspect's <Buffer ..> form. The expected lines are node
  v20's output for the same code.
flags: [module]
---*/
import { Buffer as B2 } from "node:buffer";
import * as bufmod from "buffer";
import { inspect as __inspect } from "node:util";
var out = [];
var log = (...a) => out.push(a.map((x) => (typeof x === "string" ? x : __inspect(x))).join(" "));


log(B2 === Buffer, typeof bufmod.Buffer, bufmod.kMaxLength > 0);
const b = Buffer.from("héllo wörld €😀");
log(b.length, b.toString(), b.toString("hex"), b.toString("base64"), b.toString("base64url"));
log(b instanceof Uint8Array, Buffer.isBuffer(b), Buffer.isBuffer(new Uint8Array(2)), Object.getPrototypeOf(Buffer.prototype) === Uint8Array.prototype);
log(Buffer.from("68656c6c6f", "hex").toString(), Buffer.from("aGVsbG8gd29ybGQ", "base64").toString(), Buffer.from("aGk-_w==", "base64url"));
log(Buffer.from("ab\u0100\uffff", "latin1"), Buffer.from("hi€", "utf16le"), Buffer.from("hi€", "ucs2").toString("utf16le"));
log(Buffer.from([1, 2, 257, -1]), Buffer.from(new Uint16Array([1, 256])), Buffer.from({ type: "Buffer", data: [7, 8] }));
const ab = new ArrayBuffer(8); const v = Buffer.from(ab, 2, 4); v[0] = 9; log(new Uint8Array(ab)[2], v.byteOffset, v.length);
log(Buffer.alloc(5), Buffer.alloc(5, "ab"), Buffer.alloc(4, 0x41), Buffer.alloc(6, "aGk=", "base64"), Buffer.allocUnsafe(3).length);
log(Buffer.byteLength("héllo"), Buffer.byteLength("aGVsbG8=", "base64"), Buffer.byteLength("abcd", "hex"), Buffer.byteLength(new Uint8Array(7)));
log(Buffer.concat([Buffer.from("ab"), new Uint8Array([99]), Buffer.from("d")]).toString(), Buffer.concat([Buffer.from("abc")], 5), Buffer.concat([Buffer.from("abc")], 2));
log(Buffer.compare(Buffer.from("a"), Buffer.from("b")), Buffer.from("b").compare(Buffer.from("a")), Buffer.from("abc").equals(Buffer.from("abc")));
log(Buffer.isEncoding("UTF-8"), Buffer.isEncoding("nope"), Buffer.isEncoding("Latin1"));
const s = Buffer.from("hello world"); const sl = s.slice(0, 5); sl[0] = 72; log(s.toString(), sl.toString(), s.subarray(6).toString(), Buffer.isBuffer(s.subarray(1)), Buffer.isBuffer(s.map(x => x)));
log(s.slice(-5).toString(), s.slice(3, 1).length, s.toString("utf8", 6), s.toString(undefined, 0, 5));
log(s.indexOf("o"), s.indexOf("o", 5), s.lastIndexOf("o"), s.indexOf(Buffer.from("wor")), s.indexOf(111), s.includes("xyz"), s.indexOf(""), s.lastIndexOf("l", -3), s.indexOf("o", -4));
const w = Buffer.alloc(10); log(w.write("héllo"), w, w.write("zz", 8), w.write("€", 8), w.write("abc", 1, 1), w.write("6162", 0, "hex"), w);
log(JSON.stringify(Buffer.from("hi")), JSON.stringify({ b: Buffer.from([1, 2]) }));
const c = Buffer.from("abcdef"); const t = Buffer.alloc(4, "."); log(c.copy(t, 1, 2), t.toString(), c.copy(t, 0, 5, 10), t.toString());
const n = Buffer.alloc(16);
log(n.writeUInt8(255, 0), n.writeUInt16LE(0x1234, 1), n.writeUInt16BE(0x1234, 3), n.writeUInt32LE(0xdeadbeef, 5), n.writeInt32BE(-2, 9), n.writeInt8(-1, 13), n.writeInt16LE(-300, 14));
log(n, n.readUInt8(0), n.readUint16LE(1), n.readUInt16BE(3), n.readUInt32LE(5).toString(16), n.readInt32BE(9), n.readInt8(13), n.readInt16LE(14), n.readUInt32BE(5));
const f = Buffer.alloc(12); f.writeFloatLE(1.5, 0); f.writeDoubleBE(Math.PI, 4); log(f.readFloatLE(0), f.readDoubleBE(4), f);
const g = Buffer.alloc(16); g.writeBigInt64LE(-5n); g.writeBigUInt64BE(2n ** 64n - 1n, 8); log(g.readBigInt64LE(0), g.readBigUInt64BE(8), g.readBigUint64LE(8));
const u = Buffer.alloc(6); u.writeUIntBE(0x123456789a, 0, 5); log(u, u.readUIntBE(0, 5), u.readIntLE(0, 6), u.readUIntLE(1, 3));
for (const fn of [() => n.readUInt32LE(14), () => n.readUInt8(1.5), () => n.readUInt8("1"), () => n.writeUInt8(256), () => Buffer.from(5), () => Buffer.alloc(-1), () => Buffer.from("x").toString("nope"), () => Buffer.alloc(3).swap16(), () => n.writeUInt32LE(2 ** 32), () => Buffer.concat([1]), () => Buffer.alloc(2).equals("x")]) {
  try { fn(); log("no error"); } catch (e) { log(e.name, e.code, e.message); }
}
log(Buffer.from("abcd").swap16().toString(), Buffer.from("abcdefgh").swap32().toString(), Buffer.from("abcdefgh").swap64().toString());
log(Buffer.from("ab").fill("xyz").toString(), Buffer.from("abcdef").fill(0, 2, 4), Buffer.from("abc").fill(""), String(Buffer.from("tpl")), `${Buffer.from("x")}`);
log(Buffer.alloc(60, 1));
log(Buffer.from("€").toString("ascii"), Buffer.from("€").toString("latin1"), Buffer.from([0xff, 0xfe, 0x41]).toString(), bufmod.isUtf8(Buffer.from([0xff])), bufmod.isAscii(Buffer.from("abc")));
log(Buffer.from("  aGk= \n", "base64"), Buffer.from("aGk", "base64"), Buffer.from("a", "base64"), Buffer.from("zz", "hex"), Buffer.from("abc", "hex"));
log(Buffer.poolSize, typeof Buffer.from("ab").utf8Slice, Buffer.from("hello").latin1Slice(1, 3), Buffer.from("hello").hexSlice());
class MyBuf extends Uint8Array {} ; log(Buffer.from(new MyBuf([3,4])));
log([...Buffer.from("ab").entries()], Buffer.from("ab").readUInt16BE());
var expected = ["true function true", "21 héllo wörld €😀 68c3a96c6c6f2077c3b6726c6420e282acf09f9880 aMOpbGxvIHfDtnJsZCDigqzwn5iA aMOpbGxvIHfDtnJsZCDigqzwn5iA", "true true false true", "hello hello world <Buffer 68 69 3e ff>", "<Buffer 61 62 00 ff> <Buffer 68 00 69 00 ac 20> hi€", "<Buffer 01 02 01 ff> <Buffer 01 00> <Buffer 07 08>", "9 2 4", "<Buffer 00 00 00 00 00> <Buffer 61 62 61 62 61> <Buffer 41 41 41 41> <Buffer 68 69 68 69 68 69> 3", "6 5 2 7", "abcd <Buffer 61 62 63 00 00> <Buffer 61 62>", "-1 1 true", "true false true", "Hello world Hello world true true", "world 0 world Hello", "4 7 7 6 4 false 0 3 7", "6 <Buffer 61 62 a9 6c 6c 6f 00 00 7a 7a> 2 0 1 2 <Buffer 61 62 a9 6c 6c 6f 00 00 7a 7a>", "{\"type\":\"Buffer\",\"data\":[104,105]} {\"b\":{\"type\":\"Buffer\",\"data\":[1,2]}}", "3 .cde 1 fcde", "1 3 5 9 13 14 16", "<Buffer ff 34 12 12 34 ef be ad de ff ff ff fe ff d4 fe> 255 4660 4660 deadbeef -2 -1 -300 4022250974", "1.5 3.141592653589793 <Buffer 00 00 c0 3f 40 09 21 fb 54 44 2d 18>", "-5n 18446744073709551615n 18446744073709551615n", "<Buffer 12 34 56 78 9a 00> 78187493530 663443878930 7886388", "RangeError ERR_OUT_OF_RANGE The value of \"offset\" is out of range. It must be >= 0 and <= 12. Received 14", "RangeError ERR_OUT_OF_RANGE The value of \"offset\" is out of range. It must be an integer. Received 1.5", "TypeError ERR_INVALID_ARG_TYPE The \"offset\" argument must be of type number. Received type string ('1')", "RangeError ERR_OUT_OF_RANGE The value of \"value\" is out of range. It must be >= 0 and <= 255. Received 256", "TypeError ERR_INVALID_ARG_TYPE The first argument must be of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object. Received type number (5)", "RangeError ERR_OUT_OF_RANGE The value of \"size\" is out of range. It must be >= 0 && <= 4294967296. Received -1", "TypeError ERR_UNKNOWN_ENCODING Unknown encoding: nope", "RangeError ERR_INVALID_BUFFER_SIZE Buffer size must be a multiple of 16-bits", "RangeError ERR_OUT_OF_RANGE The value of \"value\" is out of range. It must be >= 0 and <= 4294967295. Received 4294967296", "TypeError ERR_INVALID_ARG_TYPE The \"list[0]\" argument must be an instance of Buffer or Uint8Array. Received type number (1)", "TypeError ERR_INVALID_ARG_TYPE The \"otherBuffer\" argument must be an instance of Buffer or Uint8Array. Received type string ('x')", "badc dcbahgfe hgfedcba", "xy <Buffer 61 62 00 00 65 66> <Buffer 00 00 00> tpl x", "<Buffer 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 ... 10 more bytes>", "b\u0002, â¬ ��A false true", "<Buffer 68 69> <Buffer 68 69> <Buffer > <Buffer > <Buffer ab>", "8192 function el 68656c6c6f", "<Buffer 03 04>", "[ [ 0, 97 ], [ 1, 98 ] ] 24930"];
assert.sameValue(out.length, expected.length, "as many lines as node");
for (var i = 0; i < expected.length; i++) assert.sameValue(out[i], expected[i], "line " + (i + 1));
