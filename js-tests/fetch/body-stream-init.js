/*---
description: >
  new Response(readableStream) (Fetch §6.1 "extract" of a ReadableStream):
  the stream is the body as is (response.body is the very same object), no
  Content-Type is set, and text(), arrayBuffer(), json(), blob() read every
  chunk in order (empty chunks, views at an offset, a UTF-8 character split
  across chunks). The stream's cancel gets the reason of body.cancel().
  Expected values from node v20.
includes: [asyncHelpers.js, compareArray.js]
flags: [async]
---*/

function streamOf(chunks) {
  return new ReadableStream({
    start: function (c) {
      chunks.forEach(function (chunk) { c.enqueue(chunk); });
      c.close();
    }
  });
}

asyncTest(async function () {
  var enc = new TextEncoder();
  var s = streamOf([new Uint8Array([104, 105]), enc.encode("!")]);
  var r = new Response(s);
  assert.sameValue(r.body, s, "the stream itself is the body");
  assert.sameValue(r.headers.get("content-type"), null, "no Content-Type for a stream");
  assert.sameValue(r.bodyUsed, false);
  assert.sameValue(await r.text(), "hi!", "chunks concatenated");
  assert.sameValue(r.bodyUsed, true);
  assert.sameValue(s.locked, true, "the read locked the stream");

  var mixed = new Response(streamOf([
    new Uint8Array(0),
    new Uint8Array([1]),
    new Uint8Array(new ArrayBuffer(8), 2, 3)
  ]));
  assert.compareArray(Array.from(new Uint8Array(await mixed.arrayBuffer())), [1, 0, 0, 0],
    "an empty chunk adds nothing; a view adds only its own bytes");

  var snowman = enc.encode("é☃");
  var split = new Response(streamOf([snowman.slice(0, 1), snowman.slice(1, 3), snowman.slice(3)]));
  assert.sameValue(await split.text(), "é☃", "UTF-8 decoded after concatenation");

  var json = new Response(streamOf([enc.encode('{"a":'), enc.encode("[1,2]}")]));
  assert.sameValue(JSON.stringify(await json.json()), '{"a":[1,2]}', "json() across chunks");

  var blob = await new Response(streamOf([new Uint8Array([1, 2, 3])])).blob();
  assert.sameValue(blob.size, 3, "blob() size");
  assert.sameValue(blob.type, "", "no type without a Content-Type");

  var typed = new Response(streamOf([enc.encode("t")]), { headers: { "content-type": "text/x-test" } });
  assert.sameValue((await typed.blob()).type, "text/x-test", "blob() type from the headers");

  var reason;
  var cancellable = new ReadableStream({ cancel: function (why) { reason = why; } });
  var pending = new Response(cancellable);
  await pending.body.cancel("why");
  assert.sameValue(reason, "why", "cancel reaches the source with its reason");
  assert.sameValue(pending.bodyUsed, true);

  var count = 0;
  var iterated = new Response("iter");
  for await (var chunk of iterated.body) count += chunk.length;
  assert.sameValue(count, 4, "async iteration over the body");
  assert.sameValue(iterated.bodyUsed, true);
});
