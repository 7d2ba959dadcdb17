//! A fixture's metadata: the YAML between `/*---` and `---*/`
//! (test262 INTERPRETING.md, "Metadata").

use yaml_rust2::{Yaml, YamlLoader};

/// The `negative` key: the test must fail in `phase` with an error whose
/// constructor is named `error_type`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Negative {
    pub phase: Phase,
    pub error_type: String,
}

/// When a negative test's error must happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// While parsing the test (early errors included).
    Parse,
    /// While loading and linking the module graph.
    Resolution,
    /// While evaluating.
    Runtime,
}

impl Phase {
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Parse => "parse",
            Phase::Resolution => "resolution",
            Phase::Runtime => "runtime",
        }
    }
}

/// The `flags` key.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Flags {
    pub only_strict: bool,
    pub no_strict: bool,
    pub raw: bool,
    pub module: bool,
    pub is_async: bool,
    pub can_block_is_true: bool,
    pub can_block_is_false: bool,
}

/// Everything the runner reads from the front matter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    pub description: Option<String>,
    pub includes: Vec<String>,
    pub flags: Flags,
    pub negative: Option<Negative>,
    pub features: Vec<String>,
}

/// Parses the front matter of `source`. A file without one has empty
/// metadata (INTERPRETING.md makes it mandatory for test262 itself, but a
/// project's quick fixture need not carry one).
pub fn parse(source: &str) -> Result<Metadata, String> {
    let Some(start) = source.find("/*---") else {
        return Ok(Metadata::default());
    };
    let body = &source[start + 5..];
    let end = body
        .find("---*/")
        .ok_or("the front matter opened by '/*---' is not closed by '---*/'")?;
    let yaml = &body[..end];
    let docs = YamlLoader::load_from_str(yaml).map_err(|err| format!("invalid YAML: {err}"))?;
    let Some(doc) = docs.into_iter().next() else {
        return Ok(Metadata::default());
    };
    let map = match &doc {
        Yaml::Hash(map) => map,
        Yaml::Null => return Ok(Metadata::default()),
        _ => return Err("the front matter must be a YAML mapping".to_owned()),
    };
    let mut meta = Metadata::default();
    for (key, value) in map {
        let Some(key) = key.as_str() else {
            return Err("front matter keys must be strings".to_owned());
        };
        match key {
            "description" => meta.description = scalar(value),
            "includes" => meta.includes = string_list(key, value)?,
            "features" => meta.features = string_list(key, value)?,
            "flags" => meta.flags = flags(value)?,
            "negative" => meta.negative = Some(negative(value)?),
            // info, esid, es5id, es6id, author, locale...: documentation only.
            _ => {}
        }
    }
    if meta.flags.only_strict && meta.flags.no_strict {
        return Err("flags onlyStrict and noStrict exclude each other".to_owned());
    }
    if meta.flags.raw && meta.flags.only_strict {
        // INTERPRETING.md, "raw": the source runs exactly as written, so it
        // cannot also be forced into strict mode.
        return Err("flags raw and onlyStrict exclude each other".to_owned());
    }
    Ok(meta)
}

fn scalar(value: &Yaml) -> Option<String> {
    match value {
        Yaml::String(s) | Yaml::Real(s) => Some(s.clone()),
        Yaml::Integer(i) => Some(i.to_string()),
        Yaml::Boolean(b) => Some(b.to_string()),
        _ => None,
    }
}

fn string_list(key: &str, value: &Yaml) -> Result<Vec<String>, String> {
    match value {
        Yaml::Array(items) => items
            .iter()
            .map(|item| {
                item.as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| format!("'{key}' must list strings, found {item:?}"))
            })
            .collect(),
        Yaml::Null => Ok(Vec::new()),
        _ => Err(format!("'{key}' must be a list, like {key}: [a, b]")),
    }
}

fn flags(value: &Yaml) -> Result<Flags, String> {
    let mut flags = Flags::default();
    for name in string_list("flags", value)? {
        match name.as_str() {
            "onlyStrict" => flags.only_strict = true,
            "noStrict" => flags.no_strict = true,
            "raw" => flags.raw = true,
            "module" => flags.module = true,
            "async" => flags.is_async = true,
            "CanBlockIsTrue" => flags.can_block_is_true = true,
            "CanBlockIsFalse" => flags.can_block_is_false = true,
            // Flags for test generation and reporting only.
            "generated" | "non-deterministic" => {}
            other => return Err(format!("unknown flag '{other}'")),
        }
    }
    Ok(flags)
}

fn negative(value: &Yaml) -> Result<Negative, String> {
    let Yaml::Hash(_) = value else {
        return Err("'negative' must be a mapping with 'phase' and 'type'".to_owned());
    };
    let phase = match value["phase"].as_str() {
        Some("parse") => Phase::Parse,
        Some("resolution") => Phase::Resolution,
        Some("runtime") => Phase::Runtime,
        Some(other) => {
            return Err(format!(
                "negative.phase must be parse, resolution or runtime, not '{other}'"
            ));
        }
        None => return Err("negative.phase is missing".to_owned()),
    };
    let error_type = value["type"]
        .as_str()
        .filter(|t| !t.is_empty())
        .ok_or("negative.type is missing (the expected error constructor's name)")?
        .to_owned();
    Ok(Negative { phase, error_type })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_key() {
        let source = "// c\n/*---\ndescription: d\nincludes: [compareArray.js]\n\
                      flags: [onlyStrict, async]\nfeatures: [Symbol]\n\
                      negative:\n  phase: parse\n  type: SyntaxError\n---*/\nx;";
        let meta = parse(source).expect("valid front matter");
        assert_eq!(meta.description.as_deref(), Some("d"));
        assert_eq!(meta.includes, ["compareArray.js"]);
        assert!(meta.flags.only_strict && meta.flags.is_async);
        assert_eq!(meta.features, ["Symbol"]);
        assert_eq!(
            meta.negative,
            Some(Negative {
                phase: Phase::Parse,
                error_type: "SyntaxError".into()
            })
        );
    }

    #[test]
    fn rejects_bad_front_matter() {
        assert!(parse("/*---\nflags: [bogus]\n---*/").is_err());
        assert!(parse("/*---\nflags: [a\n---*/").is_err());
        assert!(parse("/*---\nnegative: {phase: later, type: E}\n---*/").is_err());
        assert!(parse("/*---\ndescription: x\n").is_err());
        assert!(parse("no metadata").is_ok());
    }
}
