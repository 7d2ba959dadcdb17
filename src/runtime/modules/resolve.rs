//! Module specifier resolution, as node and the bundlers resolve: relative
//! and absolute paths, `file:` URLs, bare package specifiers from
//! `node_modules` directories up the tree, `package.json` `exports` and
//! `imports` (`#internal`) with conditions, self-references, `main` and
//! `module` fields, directory `index` files and extension probing.
//!
//! The package rules are `oxc_resolver`'s (a port of webpack's
//! enhanced-resolve, the resolver of oxc and rolldown), configured here:
//!
//! - Conditions, in this order: `workerd`, `worker`, `browser`, `import`,
//!   `module`, `default`: what a Workers runtime asks for (wrangler bundles
//!   with `workerd`, `worker` and `browser`), then the ES module entry.
//!   The order only breaks ties a package leaves open: the package's own
//!   key order decides which of the listed conditions wins (Node.js
//!   §"Conditional exports").
//! - Without `exports`: the `module` field (an ES module entry, the bundler
//!   convention), then `main`; then `index` with the extensions below.
//! - Extensions tried for a path without one: `.js`, `.mjs`, `.json`.
//! - `require()` ([`SpecifierResolver::for_require`]) resolves as node's
//!   `require` does: conditions `workerd`, `worker`, `browser`, `require`,
//!   `default`; the `main` field only; extensions `.js`, `.json`.
//! - `NODE_PATH` is not read (a host's environment must not change what
//!   an app loads).
//! - Node.js built-in names (`node:buffer`, or `buffer` as node allows)
//!   resolve to [`Resolved::Builtin`]; the loader asks the APIs for them.

use std::path::{Path, PathBuf};

use boa_engine::{JsError, JsNativeError, JsResult};
use oxc_resolver::{ResolveError, ResolveOptions, Resolver};

/// Condition names for `exports` and `imports`, see the module docs.
pub const CONDITIONS: [&str; 6] = [
    "workerd", "worker", "browser", "import", "module", "default",
];

/// Condition names of `require()`.
pub const REQUIRE_CONDITIONS: [&str; 5] = ["workerd", "worker", "browser", "require", "default"];

/// What a specifier names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    File(PathBuf),
    /// `node:<name>` (the name without the scheme).
    Builtin(String),
}

/// Resolves specifiers of one context (its cache of package.json files
/// lives as long as the context).
pub struct SpecifierResolver {
    packages: Resolver,
    /// The extensions tried, for messages.
    extensions: &'static str,
}

impl std::fmt::Debug for SpecifierResolver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SpecifierResolver").finish_non_exhaustive()
    }
}

impl Default for SpecifierResolver {
    fn default() -> Self {
        Self::new()
    }
}

impl SpecifierResolver {
    /// The resolver of `import`.
    pub fn new() -> Self {
        let options = ResolveOptions {
            condition_names: CONDITIONS.iter().map(|c| (*c).to_owned()).collect(),
            extensions: [".js", ".mjs", ".json", ".ts", ".tsx", ".mts"]
                .map(String::from)
                .to_vec(),
            extension_alias: typescript_aliases(),
            tsconfig: Some(oxc_resolver::TsconfigDiscovery::Auto),
            main_fields: vec!["module".into(), "main".into()],
            main_files: vec!["index".into()],
            node_path: false,
            builtin_modules: true,
            ..ResolveOptions::default()
        };
        Self {
            packages: Resolver::new(options),
            extensions: ".js, .mjs, .json, .ts, .tsx, .mts",
        }
    }

    /// The resolver of `require()`.
    pub fn for_require() -> Self {
        let options = ResolveOptions {
            condition_names: REQUIRE_CONDITIONS.iter().map(|c| (*c).to_owned()).collect(),
            extensions: [".js", ".json", ".ts", ".tsx", ".cts"]
                .map(String::from)
                .to_vec(),
            extension_alias: typescript_aliases(),
            tsconfig: Some(oxc_resolver::TsconfigDiscovery::Auto),
            main_fields: vec!["main".into()],
            main_files: vec!["index".into()],
            node_path: false,
            builtin_modules: true,
            ..ResolveOptions::default()
        };
        Self {
            packages: Resolver::new(options),
            extensions: ".js, .json, .ts, .tsx, .cts",
        }
    }

    /// The file `specifier` names, imported from `referrer` (a file; the
    /// working directory when `None`, as for `eval`).
    pub fn resolve(&self, specifier: &str, referrer: Option<&Path>) -> JsResult<Resolved> {
        if let Some(rest) = specifier.strip_prefix("file://") {
            let url = url::Url::parse(specifier)
                .map_err(|err| type_error(format!("invalid module URL '{specifier}': {err}")))?;
            return url.to_file_path().map(Resolved::File).map_err(|()| {
                type_error(format!(
                    "module URL '{specifier}' is not a local path ({rest})"
                ))
            });
        }
        // The transform's own helpers (legacy decorators), built in.
        if specifier.starts_with(super::typescript::HELPERS_MODULE) {
            return Ok(Resolved::Builtin(specifier.to_owned()));
        }
        if let Some(scheme) = url_scheme(specifier)
            && scheme != "node"
        {
            return Err(type_error(format!(
                "cannot resolve module '{specifier}': {scheme}: URLs cannot be imported (only \
                 paths, file: URLs and packages)"
            )));
        }
        let base = match referrer.and_then(Path::parent) {
            Some(dir) => dir.to_path_buf(),
            None => std::env::current_dir()
                .map_err(|err| type_error(format!("cannot read the working directory: {err}")))?,
        };
        // From a file, so that the nearest tsconfig.json's `paths` apply.
        let resolved = match referrer {
            Some(file) if file.is_absolute() && file.parent().is_some() => {
                self.packages.resolve_file(file, specifier)
            }
            _ => self.packages.resolve(&base, specifier),
        };
        match resolved {
            Ok(resolution) => Ok(Resolved::File(resolution.into_path_buf())),
            Err(ResolveError::Builtin { resolved, .. }) => {
                let name = resolved.strip_prefix("node:").unwrap_or(&resolved);
                Ok(Resolved::Builtin(name.to_owned()))
            }
            Err(error) => Err(explain(specifier, referrer, &base, &error, self.extensions)),
        }
    }
}

/// TypeScript's rule: `./x.js` may name `./x.ts` (the file that compiles
/// to it), `./x.mjs` `./x.mts` and `./x.cjs` `./x.cts`; the JavaScript
/// file wins when both exist.
fn typescript_aliases() -> Vec<(String, Vec<String>)> {
    [
        (".js", [".js", ".ts", ".tsx"].as_slice()),
        (".mjs", &[".mjs", ".mts"]),
        (".cjs", &[".cjs", ".cts"]),
    ]
    .into_iter()
    .map(|(from, to)| {
        (
            from.to_owned(),
            to.iter().map(|s| (*s).to_owned()).collect(),
        )
    })
    .collect()
}

/// The scheme of a URL-like specifier ("https" of "https://x"); `None`
/// for paths and package names (`@scope/name`, `name/sub`), and for a
/// Windows drive letter.
fn url_scheme(specifier: &str) -> Option<&str> {
    let (scheme, _) = specifier.split_once(':')?;
    let valid = scheme.len() > 1
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some(scheme)
}

/// The error of a `node:` module the APIs do not provide.
pub fn missing_builtin(specifier: &str, name: &str, referrer: Option<&Path>) -> JsError {
    let from = referrer.map_or_else(|| "<eval>".to_owned(), |p| p.display().to_string());
    type_error(format!(
        "cannot resolve module '{specifier}' imported from {from}: 'node:{name}' is a Node.js \
         built-in module, which nano-boa does not provide yet"
    ))
}

fn type_error(message: String) -> JsError {
    JsNativeError::typ().with_message(message).into()
}

/// One message naming the specifier, the importing file and what was
/// looked for.
fn explain(
    specifier: &str,
    referrer: Option<&Path>,
    base: &Path,
    error: &ResolveError,
    extensions: &str,
) -> JsError {
    let from = referrer.map_or_else(|| "<eval>".to_owned(), |p| p.display().to_string());
    let why = match error {
        ResolveError::NotFound(_) if is_bare(specifier) => format!(
            "no package '{}' in a node_modules directory of {} or its parents (run npm \
             install?)",
            package_name(specifier),
            base.display()
        ),
        ResolveError::NotFound(_) if specifier.starts_with('#') => format!(
            "no \"imports\" entry for '{specifier}' in the package.json of the importing \
             package"
        ),
        ResolveError::NotFound(_) => format!(
            "no file {} (also tried the extensions {extensions} and an index file)",
            base.join(specifier).display()
        ),
        other => other.to_string(),
    };
    type_error(format!(
        "cannot resolve module '{specifier}' imported from {from}: {why}"
    ))
}

/// A package specifier: not a path and not a `#import`.
fn is_bare(specifier: &str) -> bool {
    !(specifier.starts_with('.') || specifier.starts_with('/') || specifier.starts_with('#'))
}

/// `name` or `@scope/name` of a package specifier.
fn package_name(specifier: &str) -> &str {
    let mut ends = specifier.match_indices('/').map(|(i, _)| i);
    let end = if specifier.starts_with('@') {
        ends.nth(1)
    } else {
        ends.next()
    };
    end.map_or(specifier, |end| &specifier[..end])
}

#[cfg(test)]
mod tests {
    use super::{package_name, url_scheme};

    #[test]
    fn names_and_schemes() {
        assert_eq!(package_name("hono"), "hono");
        assert_eq!(package_name("hono/cors"), "hono");
        assert_eq!(package_name("@scope/pkg/sub/x.js"), "@scope/pkg");
        assert_eq!(url_scheme("https://x.test/a.js"), Some("https"));
        assert_eq!(url_scheme("node:buffer"), Some("node"));
        assert_eq!(url_scheme("C:/x.js"), None);
        assert_eq!(url_scheme("@scope/pkg"), None);
    }
}
