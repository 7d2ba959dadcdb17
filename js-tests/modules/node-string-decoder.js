/*---
description: >
  node:string_decoder: StringDecoder over chunks cut inside characters,
  for UTF-8 (invalid continuations, end() flushing U+FFFD), UTF-16LE (held
  high surrogates), base64 and base64url (held bytes, padding at end),
  hex, latin1 and ascii; normalized encoding names; string and view
  arguments; node's errors. The expected lines are node v20's output for
  the same code.
flags: [module]
---*/
import { StringDecoder } from "node:string_decoder";
import sdmod from "string_decoder";
import { inspect as __inspect } from "node:util";
var out = [];
var log = (...a) => out.push(a.map((x) => (typeof x === "string" ? x : __inspect(x))).join(" "));
const show = (s) => JSON.stringify(s);
let d = new StringDecoder("utf16le"); log(show(d.write(Buffer.from([0x3d]))), show(d.write(Buffer.from([0xd8, 0x4d]))), show(d.write(Buffer.from([0xdc]))), show(d.end()));
d = new StringDecoder("utf16le"); log(show(d.write(Buffer.from([0x3d, 0xd8]))), show(d.end()));
d = new StringDecoder("utf16le"); log(show(d.write(Buffer.from([0x41, 0x00, 0x42]))), show(d.end()), show(d.write(Buffer.from([0x3d, 0xd8, 0x4d, 0xdc]))));
d = new StringDecoder("utf8"); log(show(d.write(Buffer.from([0xe2, 0x82]))), show(d.end()), show(d.write(Buffer.from([0xe2]))), show(d.write(Buffer.from("a"))), show(d.end(Buffer.from([0xf0, 0x9f]))));
d = new StringDecoder("utf8"); const euro = Buffer.from("€😀é");
log(show([...euro].map((b) => d.write(Buffer.from([b]))).join("|")), show(d.end()));
d = new StringDecoder(); log(show(d.write(Buffer.from([0xf0, 0x9f, 0x98]))), d.lastNeed, d.lastTotal, show(d.write(Buffer.from([0x80, 0x41]))), show(d.write(Buffer.from([0xf0, 0x41, 0xff, 0xc3]))), show(d.write(Buffer.from([0xa9]))));
d = new StringDecoder("utf8"); log(show(d.write(Buffer.from([0xe2, 0x41]))), show(d.write(Buffer.from([0xed, 0xa0, 0x80]))), show(d.write(Buffer.from([0xc3]))), show(d.write(Buffer.from([0xc3, 0xa9]))));
d = new StringDecoder("base64"); log(show(d.write(Buffer.from("ab"))), show(d.write(Buffer.from("c"))), show(d.write(Buffer.from("de"))), show(d.end()));
d = new StringDecoder("base64url"); log(show(d.write(Buffer.from([0xfb, 0xff]))), show(d.end(Buffer.from([0xfe]))), show(d.write(Buffer.from("x"))), show(d.end()));
d = new StringDecoder("hex"); log(show(d.write(Buffer.from([1, 0xab]))), show(d.end(Buffer.from([0xff]))));
d = new StringDecoder("latin1"); log(show(d.write(Buffer.from([0xe9, 0x41]))), new StringDecoder("ascii").write(Buffer.from([0xe9])));
log(new StringDecoder().encoding, new StringDecoder("UCS2").encoding, new StringDecoder("binary").encoding, new StringDecoder("UTF-8").encoding, new StringDecoder(null).encoding);
d = new StringDecoder("utf8"); log(show(d.write("str")), show(d.write(new Uint16Array([0x6968]))), show(d.end(new DataView(new Uint8Array([0x6f, 0x6b]).buffer))));
log(sdmod.StringDecoder === StringDecoder);
for (const f of [() => new StringDecoder("nope"), () => new StringDecoder().write(5), () => new StringDecoder().write({})]) { try { f(); log("no error"); } catch (e) { log(e.name, e.code, e.message); } }
var expected = ["\"\" \"\\ud83d\" \"\\udc4d\" \"\"", "\"\" \"\\ud83d\"", "\"A\" \"\" \"👍\"", "\"\" \"�\" \"\" \"�a\" \"�\"", "\"||€||||😀||é\" \"\"", "\"\" 1 4 \"😀A\" \"�A�\" \"é\"", "\"�A\" \"���\" \"\" \"�é\"", "\"\" \"YWJj\" \"\" \"ZGU=\"", "\"\" \"-__-\" \"\" \"eA\"", "\"01ab\" \"ff\"", "\"éA\" i", "utf8 utf16le latin1 utf8 utf8", "\"str\" \"hi\" \"ok\"", "true", "TypeError ERR_UNKNOWN_ENCODING Unknown encoding: nope", "TypeError ERR_INVALID_ARG_TYPE The \"buf\" argument must be an instance of Buffer, TypedArray, or DataView. Received type number (5)", "TypeError ERR_INVALID_ARG_TYPE The \"buf\" argument must be an instance of Buffer, TypedArray, or DataView. Received an instance of Object"];
assert.sameValue(out.length, expected.length, "as many lines as node");
for (var i = 0; i < expected.length; i++) assert.sameValue(out[i], expected[i], "line " + (i + 1));
