/*---
description: Text survives TextEncoder then TextDecoder unchanged (well-formed input).
---*/

var samples = ["", "plain ascii", "café", "日本語", "emoji \u{1F600}\u{1F680}", "mixed\u0000nul", "\uFFFD"];
var encoder = new TextEncoder();
var decoder = new TextDecoder();
samples.forEach(function (sample) {
  assert.sameValue(decoder.decode(encoder.encode(sample)), sample, JSON.stringify(sample));
});
