// CompressionStream and DecompressionStream (Compression Standard §5):
// TransformStreams whose bytes go through compression.rs (flate2).
//
// Evaluated once per realm by mod.rs; the completion value is a function
// taking (natives, common, readable, writable, pipe, transform).
((natives, common, readable, writable, pipe, transform) => {
  "use strict";
  const { finishInterface, brand, requireArgs } = common;
  const { compressionNew, compressionPush, compressionFinish } = natives;
  const T = transform.internal;

  const FORMATS = ["deflate", "deflate-raw", "gzip"];
  // The CompressionFormat enum (WebIDL §3.2.23).
  const toFormat = (format, what) => {
    const f = `${format}`;
    if (!FORMATS.includes(f)) throw new TypeError(`${what}: '${f}' is not a valid CompressionFormat`);
    return f;
  };
  // The output of one step, enqueued only when not empty (§5.2 steps
  // "If buffer is empty, return").
  const enqueueIfAny = (bytes, enqueue) => {
    if (bytes.byteLength > 0) enqueue(bytes);
  };
  const make = (self, format, decompress, states) => {
    const handle = compressionNew(format, decompress);
    const stream = T.createTransform(self,
      (chunk, enqueue) => enqueueIfAny(compressionPush(handle, chunk), enqueue),
      (enqueue) => enqueueIfAny(compressionFinish(handle), enqueue));
    states.set(self, stream);
  };

  const compressors = new WeakMap();
  const decompressors = new WeakMap();

  class CompressionStream {
    constructor(format) {
      requireArgs(arguments.length, 1, "CompressionStream");
      make(this, toFormat(format, "CompressionStream"), false, compressors);
    }
    get readable() { return brand(compressors, this, "CompressionStream", "readable").readable.pub; }
    get writable() { return brand(compressors, this, "CompressionStream", "writable").writable.pub; }
  }
  class DecompressionStream {
    constructor(format) {
      requireArgs(arguments.length, 1, "DecompressionStream");
      make(this, toFormat(format, "DecompressionStream"), true, decompressors);
    }
    get readable() { return brand(decompressors, this, "DecompressionStream", "readable").readable.pub; }
    get writable() { return brand(decompressors, this, "DecompressionStream", "writable").writable.pub; }
  }

  finishInterface(CompressionStream, "CompressionStream");
  finishInterface(DecompressionStream, "DecompressionStream");
  return { CompressionStream, DecompressionStream };
})
