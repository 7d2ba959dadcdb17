/*---
description: >
  node:path (POSIX): normalize, join, resolve, relative, dirname, basename,
  extname, isAbsolute, parse and format over edge cases (empty paths, dots,
  repeated and trailing slashes, dot files, paths above a relative start),
  sep, delimiter, posix, and the TypeError for a non-string argument. The
  expected lines are node v20's output for the same code.
flags: [module]
---*/
import path from "node:path";
import { join, posix } from "path";
const inputs = ["", ".", "./", "..", "../", "/", "//", "/..", "a", "a/", "a/..", "a/../", "a/b/../../..", "/a//b/./c/", "./a/./b", "a/b/c.d.e", "/a/b/.hidden", ".hidden", "..x", "x..", "file.", "/a/b/", "a//b", "/foo/bar/baz/asdf/quux.html", "/a/b/c/../../d"];
const out = [];
for (const p of inputs) {
  out.push(JSON.stringify([p, path.normalize(p), path.dirname(p), path.basename(p), path.extname(p), path.isAbsolute(p), path.parse(p)]));
}
out.push(JSON.stringify([join("a", "", "b/", "../c"), join(), join("/", ".."), path.join("a", "/b"), path.resolve("/x", "y", "..", "z/"), path.resolve("/a", "/b", "c"), path.relative("/data/orandea/test/aaa", "/data/orandea/impl/bbb"), path.relative("/a/b", "/a/b"), path.relative("/a/b", "/a"), path.relative("/", "/x/y")]));
out.push(JSON.stringify([path.basename("/a/b.html", ".html"), path.basename("b.html", "b.html"), path.basename("/a/b.html/", ".html"), path.format({ root: "/ignored", dir: "/home/u/dir", base: "file.txt" }), path.format({ root: "/", base: "f.txt" }), path.format({ root: "/", name: "f", ext: "txt" }), path.format({ name: "x", ext: ".y" }), path.sep, path.delimiter, posix === path, path.posix === path]));
try { path.join("a", 5) } catch (e) { out.push(e.constructor.name + ": " + e.message.slice(0, 48)); }

out.push(JSON.stringify([path.basename("aaa/bbb","bbb"), path.basename("b.html","b.html"), path.basename("/x/b.html","b.html"), path.basename("a","a"), path.dirname("//a"), path.dirname("//"), path.dirname("///a//b//"), path.parse(".."), path.parse("a/.."), path.parse("/a/.x"), path.parse("//"), path.parse("a//"), path.parse("/a"), path.parse("a/b/c.txt")]));

var expected = [
"[\"\",\".\",\".\",\"\",\"\",false,{\"root\":\"\",\"dir\":\"\",\"base\":\"\",\"ext\":\"\",\"name\":\"\"}]",
"[\".\",\".\",\".\",\".\",\"\",false,{\"root\":\"\",\"dir\":\"\",\"base\":\".\",\"ext\":\"\",\"name\":\".\"}]",
"[\"./\",\"./\",\".\",\".\",\"\",false,{\"root\":\"\",\"dir\":\"\",\"base\":\".\",\"ext\":\"\",\"name\":\".\"}]",
"[\"..\",\"..\",\".\",\"..\",\"\",false,{\"root\":\"\",\"dir\":\"\",\"base\":\"..\",\"ext\":\"\",\"name\":\"..\"}]",
"[\"../\",\"../\",\".\",\"..\",\"\",false,{\"root\":\"\",\"dir\":\"\",\"base\":\"..\",\"ext\":\"\",\"name\":\"..\"}]",
"[\"/\",\"/\",\"/\",\"\",\"\",true,{\"root\":\"/\",\"dir\":\"/\",\"base\":\"\",\"ext\":\"\",\"name\":\"\"}]",
"[\"//\",\"/\",\"/\",\"\",\"\",true,{\"root\":\"/\",\"dir\":\"/\",\"base\":\"\",\"ext\":\"\",\"name\":\"\"}]",
"[\"/..\",\"/\",\"/\",\"..\",\"\",true,{\"root\":\"/\",\"dir\":\"/\",\"base\":\"..\",\"ext\":\".\",\"name\":\".\"}]",
"[\"a\",\"a\",\".\",\"a\",\"\",false,{\"root\":\"\",\"dir\":\"\",\"base\":\"a\",\"ext\":\"\",\"name\":\"a\"}]",
"[\"a/\",\"a/\",\".\",\"a\",\"\",false,{\"root\":\"\",\"dir\":\"\",\"base\":\"a\",\"ext\":\"\",\"name\":\"a\"}]",
"[\"a/..\",\".\",\"a\",\"..\",\"\",false,{\"root\":\"\",\"dir\":\"a\",\"base\":\"..\",\"ext\":\"\",\"name\":\"..\"}]",
"[\"a/../\",\"./\",\"a\",\"..\",\"\",false,{\"root\":\"\",\"dir\":\"a\",\"base\":\"..\",\"ext\":\"\",\"name\":\"..\"}]",
"[\"a/b/../../..\",\"..\",\"a/b/../..\",\"..\",\"\",false,{\"root\":\"\",\"dir\":\"a/b/../..\",\"base\":\"..\",\"ext\":\"\",\"name\":\"..\"}]",
"[\"/a//b/./c/\",\"/a/b/c/\",\"/a//b/.\",\"c\",\"\",true,{\"root\":\"/\",\"dir\":\"/a//b/.\",\"base\":\"c\",\"ext\":\"\",\"name\":\"c\"}]",
"[\"./a/./b\",\"a/b\",\"./a/.\",\"b\",\"\",false,{\"root\":\"\",\"dir\":\"./a/.\",\"base\":\"b\",\"ext\":\"\",\"name\":\"b\"}]",
"[\"a/b/c.d.e\",\"a/b/c.d.e\",\"a/b\",\"c.d.e\",\".e\",false,{\"root\":\"\",\"dir\":\"a/b\",\"base\":\"c.d.e\",\"ext\":\".e\",\"name\":\"c.d\"}]",
"[\"/a/b/.hidden\",\"/a/b/.hidden\",\"/a/b\",\".hidden\",\"\",true,{\"root\":\"/\",\"dir\":\"/a/b\",\"base\":\".hidden\",\"ext\":\"\",\"name\":\".hidden\"}]",
"[\".hidden\",\".hidden\",\".\",\".hidden\",\"\",false,{\"root\":\"\",\"dir\":\"\",\"base\":\".hidden\",\"ext\":\"\",\"name\":\".hidden\"}]",
"[\"..x\",\"..x\",\".\",\"..x\",\".x\",false,{\"root\":\"\",\"dir\":\"\",\"base\":\"..x\",\"ext\":\".x\",\"name\":\".\"}]",
"[\"x..\",\"x..\",\".\",\"x..\",\".\",false,{\"root\":\"\",\"dir\":\"\",\"base\":\"x..\",\"ext\":\".\",\"name\":\"x.\"}]",
"[\"file.\",\"file.\",\".\",\"file.\",\".\",false,{\"root\":\"\",\"dir\":\"\",\"base\":\"file.\",\"ext\":\".\",\"name\":\"file\"}]",
"[\"/a/b/\",\"/a/b/\",\"/a\",\"b\",\"\",true,{\"root\":\"/\",\"dir\":\"/a\",\"base\":\"b\",\"ext\":\"\",\"name\":\"b\"}]",
"[\"a//b\",\"a/b\",\"a/\",\"b\",\"\",false,{\"root\":\"\",\"dir\":\"a/\",\"base\":\"b\",\"ext\":\"\",\"name\":\"b\"}]",
"[\"/foo/bar/baz/asdf/quux.html\",\"/foo/bar/baz/asdf/quux.html\",\"/foo/bar/baz/asdf\",\"quux.html\",\".html\",true,{\"root\":\"/\",\"dir\":\"/foo/bar/baz/asdf\",\"base\":\"quux.html\",\"ext\":\".html\",\"name\":\"quux\"}]",
"[\"/a/b/c/../../d\",\"/a/d\",\"/a/b/c/../..\",\"d\",\"\",true,{\"root\":\"/\",\"dir\":\"/a/b/c/../..\",\"base\":\"d\",\"ext\":\"\",\"name\":\"d\"}]",
"[\"a/c\",\".\",\"/\",\"a/b\",\"/x/z\",\"/b/c\",\"../../impl/bbb\",\"\",\"..\",\"x/y\"]",
"[\"b\",\"\",\"b\",\"/home/u/dir/file.txt\",\"/f.txt\",\"/f.txt\",\"x.y\",\"/\",\":\",true,true]",
"TypeError: The \"path\" argument must be of type string. Rece",
"[\"bbb\",\"\",\"b.html\",\"\",\"//\",\"/\",\"///a/\",{\"root\":\"\",\"dir\":\"\",\"base\":\"..\",\"ext\":\"\",\"name\":\"..\"},{\"root\":\"\",\"dir\":\"a\",\"base\":\"..\",\"ext\":\"\",\"name\":\"..\"},{\"root\":\"/\",\"dir\":\"/a\",\"base\":\".x\",\"ext\":\"\",\"name\":\".x\"},{\"root\":\"/\",\"dir\":\"/\",\"base\":\"\",\"ext\":\"\",\"name\":\"\"},{\"root\":\"\",\"dir\":\"\",\"base\":\"a\",\"ext\":\"\",\"name\":\"a\"},{\"root\":\"/\",\"dir\":\"/\",\"base\":\"a\",\"ext\":\"\",\"name\":\"a\"},{\"root\":\"\",\"dir\":\"a/b\",\"base\":\"c.txt\",\"ext\":\".txt\",\"name\":\"c\"}]"
];
assert.sameValue(out.length, expected.length, "as many results as node");
for (var i = 0; i < expected.length; i++) {
  assert.sameValue(out[i], expected[i], "line " + (i + 1));
}
