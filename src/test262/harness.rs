//! Harness files: where they are, which ones a test needs, and a cache so
//! a worker reads each file once.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use super::frontmatter::Metadata;

/// Finds the harness directory: `DIR/harness` for `--test262 DIR`,
/// otherwise the project's `js-tests/harness`, looked up from the working
/// directory and then from the crate's source directory.
pub fn locate(test262_dir: Option<&Path>) -> Result<PathBuf, String> {
    if let Some(dir) = test262_dir {
        let harness = dir.join("harness");
        return if harness.join("assert.js").is_file() {
            Ok(harness)
        } else {
            Err(format!(
                "'{}' has no harness/assert.js: --test262 must name a test262 checkout",
                dir.display()
            ))
        };
    }
    let candidates = [
        PathBuf::from("js-tests/harness"),
        Path::new(env!("CARGO_MANIFEST_DIR")).join("js-tests/harness"),
    ];
    candidates
        .iter()
        .find(|dir| dir.join("assert.js").is_file())
        .map(|dir| std::path::absolute(dir).unwrap_or_else(|_| dir.clone()))
        .ok_or_else(|| {
            format!(
                "cannot find the test harness: no js-tests/harness/assert.js in the working \
                 directory or in {}; pass --test262 DIR to use DIR/harness",
                env!("CARGO_MANIFEST_DIR")
            )
        })
}

/// The harness files a test needs, in evaluation order (INTERPRETING.md,
/// "Test Harness" and the `includes` key): `assert.js` and `sta.js` unless
/// the test is `raw`, `doneprintHandle.js` for `async` tests, then the
/// test's own includes.
pub fn files_for(meta: &Metadata) -> Vec<String> {
    if meta.flags.raw {
        return Vec::new();
    }
    let mut files = vec!["assert.js".to_owned(), "sta.js".to_owned()];
    if meta.flags.is_async {
        files.push("doneprintHandle.js".to_owned());
    }
    for include in &meta.includes {
        if !files.contains(include) {
            files.push(include.clone());
        }
    }
    files
}

/// Reads harness files from one directory, each once.
#[derive(Debug)]
pub struct Harness {
    dir: PathBuf,
    cache: HashMap<String, Rc<str>>,
}

impl Harness {
    pub fn new(dir: PathBuf) -> Self {
        Self {
            dir,
            cache: HashMap::new(),
        }
    }

    /// The path of harness file `name`.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// The source of harness file `name`.
    pub fn get(&mut self, name: &str) -> Result<Rc<str>, String> {
        if let Some(source) = self.cache.get(name) {
            return Ok(source.clone());
        }
        // An include is a file name inside the harness directory, never a
        // path out of it.
        if name.contains("..") || Path::new(name).is_absolute() {
            return Err(format!("include '{name}' is not a harness file name"));
        }
        let path = self.path(name);
        let source: Rc<str> = std::fs::read_to_string(&path)
            .map_err(|err| format!("cannot read harness file '{}': {err}", path.display()))?
            .into();
        self.cache.insert(name.to_owned(), source.clone());
        Ok(source)
    }
}
