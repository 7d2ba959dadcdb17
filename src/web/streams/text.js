// TextEncoderStream and TextDecoderStream (Encoding Standard §5.4, §5.5):
// TransformStreams around this realm's TextEncoder and TextDecoder
// (src/web/encoding/, natives given by mod.rs).
//
// Evaluated once per realm by mod.rs; the completion value is a function
// taking (natives, common, readable, writable, pipe, transform).
((natives, common, readable, writable, pipe, transform) => {
  "use strict";
  const { isView, finishInterface, brand } = common;
  const { TextEncoder, TextDecoder } = natives;
  const T = transform.internal;
  const { apply } = Reflect;
  const encode = TextEncoder.prototype.encode;
  const decode = TextDecoder.prototype.decode;
  const decoderGetter = (name) => Object.getOwnPropertyDescriptor(TextDecoder.prototype, name).get;
  const encodingOf = decoderGetter("encoding");
  const fatalOf = decoderGetter("fatal");
  const ignoreBOMOf = decoderGetter("ignoreBOM");

  const encoders = new WeakMap();
  const decoders = new WeakMap();

  const isHighSurrogate = (unit) => unit >= 0xd800 && unit <= 0xdbff;
  const REPLACEMENT_BYTES = [0xef, 0xbf, 0xbd];

  class TextEncoderStream {
    constructor() {
      const encoder = new TextEncoder();
      // §5.4 "encode and enqueue a chunk": a high surrogate at the end of a
      // chunk waits for the next chunk's low surrogate.
      let pendingHighSurrogate = null;
      const stream = T.createTransform(this, (chunk, enqueue) => {
        let input = `${chunk}`;
        if (pendingHighSurrogate !== null) {
          input = pendingHighSurrogate + input;
          pendingHighSurrogate = null;
        }
        if (input.length > 0 && isHighSurrogate(input.charCodeAt(input.length - 1))) {
          pendingHighSurrogate = input[input.length - 1];
          input = input.slice(0, -1);
        }
        // Lone surrogates become U+FFFD (USVString conversion in encode).
        if (input.length > 0) enqueue(apply(encode, encoder, [input]));
      }, (enqueue) => {
        // §5.4 "encode and flush".
        if (pendingHighSurrogate !== null) enqueue(new Uint8Array(REPLACEMENT_BYTES));
      });
      encoders.set(this, stream);
    }
    get encoding() {
      brand(encoders, this, "TextEncoderStream", "encoding");
      return "utf-8";
    }
    get readable() { return brand(encoders, this, "TextEncoderStream", "readable").readable.pub; }
    get writable() { return brand(encoders, this, "TextEncoderStream", "writable").writable.pub; }
  }

  class TextDecoderStream {
    constructor(label = "utf-8", options = undefined) {
      // The TextDecoder constructor does the label and options conversions
      // and throws the RangeError for an unknown label.
      const decoder = new TextDecoder(label, options);
      const streamOption = { stream: true };
      const stream = T.createTransform(this, (chunk, enqueue) => {
        // §5.5 "decode and enqueue a chunk": a BufferSource only.
        if (!isView(chunk) && !(chunk instanceof ArrayBuffer) &&
          !(typeof SharedArrayBuffer === "function" && chunk instanceof SharedArrayBuffer)) {
          throw new TypeError("TextDecoderStream: the chunk is not an ArrayBuffer or ArrayBufferView");
        }
        const output = apply(decode, decoder, [chunk, streamOption]);
        if (output.length > 0) enqueue(output);
      }, (enqueue) => {
        const output = apply(decode, decoder, []);
        if (output.length > 0) enqueue(output);
      });
      decoders.set(this, { stream, decoder });
    }
    get encoding() { return apply(encodingOf, brand(decoders, this, "TextDecoderStream", "encoding").decoder, []); }
    get fatal() { return apply(fatalOf, brand(decoders, this, "TextDecoderStream", "fatal").decoder, []); }
    get ignoreBOM() { return apply(ignoreBOMOf, brand(decoders, this, "TextDecoderStream", "ignoreBOM").decoder, []); }
    get readable() { return brand(decoders, this, "TextDecoderStream", "readable").stream.readable.pub; }
    get writable() { return brand(decoders, this, "TextDecoderStream", "writable").stream.writable.pub; }
  }

  finishInterface(TextEncoderStream, "TextEncoderStream");
  finishInterface(TextDecoderStream, "TextDecoderStream");
  return { TextEncoderStream, TextDecoderStream };
})
