//! A rule file: `[[rule]]` tables, read and checked key by key. Every error names
//! the file, the rule and the key, and underlines the TOML.

use std::collections::BTreeMap;
use std::ops::Range;

use miette::NamedSource;
use serde::Deserialize;
use stmtlint_config::{ConfigError, InvalidConfig};
use stmtlint_plugin::{BlockKind, Severity};
use toml::Spanned;

use crate::Declared;
use crate::kinds::{Groups, Kind, Style, Swaps};
use crate::matcher::{Literals, Matcher, compile};

/// A rule file that cannot be used: a config error like any other, naming the
/// file, the rule and the key, with the TOML span.
pub type RuleFileError = ConfigError;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSchema {
    #[serde(default)]
    rule: Vec<RuleSchema>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RuleSchema {
    id: Spanned<String>,
    kind: Spanned<String>,
    message: Spanned<String>,
    severity: Option<Spanned<String>>,
    help: Option<String>,
    description: Option<String>,
    scope: Option<Spanned<Vec<String>>>,
    #[serde(default)]
    ignore_case: bool,
    #[serde(default)]
    tokens: Vec<String>,
    #[serde(default)]
    patterns: Vec<Spanned<String>>,
    #[serde(default)]
    examples: Examples,
    swap: Option<Spanned<BTreeMap<String, String>>>,
    #[serde(default)]
    regex: bool,
    either: Option<Spanned<Vec<Vec<String>>>>,
    max: Option<Spanned<usize>>,
    min: Option<Spanned<usize>>,
    first: Option<Spanned<String>>,
    second: Option<Spanned<String>>,
    exceptions: Option<Vec<String>>,
    style: Option<Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Examples {
    #[serde(default)]
    flagged: Vec<String>,
    #[serde(default)]
    clean: Vec<String>,
}

/// The keys only some kinds take.
const KIND_KEYS: &[(&str, &[&str])] = &[
    ("swap", &["substitution"]),
    ("regex", &["substitution"]),
    ("either", &["consistency"]),
    ("max", &["occurrence"]),
    ("min", &["occurrence"]),
    ("first", &["conditional"]),
    ("second", &["conditional"]),
    ("exceptions", &["conditional", "capitalization"]),
    ("style", &["capitalization"]),
    ("tokens", &["existence", "occurrence"]),
    ("patterns", &["existence", "occurrence"]),
];

/// Reads the rules of the file `name`, whose text is `text`.
///
/// # Errors
/// The first problem: TOML that does not parse, an unknown or misplaced key, a
/// kind without what it needs, a pattern that does not compile, an id that is not
/// kebab-case or is declared twice.
pub fn parse(name: &str, text: &str) -> Result<Vec<crate::Declared>, RuleFileError> {
    let file = File { name, text };
    let schema: FileSchema = toml::from_str(text).map_err(|e| file.toml_error(&e))?;
    let mut out: Vec<crate::Declared> = Vec::new();
    for rule in schema.rule {
        let declared = file.rule(rule)?;
        out.push(declared);
    }
    Ok(out)
}

struct File<'a> {
    name: &'a str,
    text: &'a str,
}

impl File<'_> {
    fn error(
        &self,
        span: Range<usize>,
        message: String,
        label: impl Into<String>,
        help: Option<String>,
    ) -> RuleFileError {
        ConfigError::Invalid(Box::new(InvalidConfig {
            message,
            src: NamedSource::new(self.name, self.text.to_owned()),
            span: Some((span.start, span.end.saturating_sub(span.start)).into()),
            label: label.into(),
            help,
        }))
    }

    /// A TOML or schema error, naming the rule whose table it is in.
    fn toml_error(&self, e: &toml::de::Error) -> RuleFileError {
        let span = e.span().unwrap_or(0..0);
        let rule = self.rule_at(span.start);
        let message = match rule {
            Some(id) => format!("invalid rule `{id}` in {}", self.name),
            None => format!("invalid rule file {}", self.name),
        };
        let label = stmtlint_plugin::plain_words(e.message().trim_end());
        self.error(span, message, label, None)
    }

    /// The id of the `[[rule]]` table around byte `at`, read from the text.
    fn rule_at(&self, at: usize) -> Option<String> {
        let head = &self.text[..at.min(self.text.len())];
        let table = head.rfind("[[rule]]")?;
        let rest = &self.text[table..];
        let end = rest[8..].find("[[rule]]").map_or(rest.len(), |i| i + 8);
        rest[..end].lines().find_map(|l| {
            let (key, value) = l.split_once('=')?;
            (key.trim() == "id").then(|| value.trim().trim_matches(['"', '\'']).to_owned())
        })
    }

    fn rule(&self, r: RuleSchema) -> Result<crate::Declared, RuleFileError> {
        let id = r.id.get_ref().clone();
        let bad = |span: Range<usize>, label: String, help: Option<String>| {
            self.error(span, format!("invalid rule `{id}` in {}", self.name), label, help)
        };
        if !stmtlint_plugin::is_kebab_case(&id) {
            return Err(bad(
                r.id.span(),
                "an id is kebab-case, such as `acme-no-tbc`".into(),
                None,
            ));
        }
        let kind = r.kind.get_ref().as_str();
        self.misplaced_keys(&r, kind, &bad)?;
        let severity = match r.severity.as_ref().map(|s| (s.get_ref().as_str(), s.span())) {
            None => Severity::Warning,
            Some(("error", _)) => Severity::Error,
            Some(("warning", _)) => Severity::Warning,
            Some(("info", _)) => Severity::Info,
            Some((_, span)) => return Err(bad(span, "expected \"error\", \"warning\" or \"info\"".into(), None)),
        };
        let scope = match &r.scope {
            None => Vec::new(),
            Some(scope) => scope
                .get_ref()
                .iter()
                .map(|s| {
                    block_kind(s)
                        .ok_or_else(|| bad(scope.span(), format!("`{s}` is not a block kind"), Some(SCOPES.into())))
                })
                .collect::<Result<_, _>>()?,
        };
        let kind = self.kind(&r, &bad)?;
        self.placeholders(&r, &kind, &bad)?;
        Ok(Declared {
            id: id.clone(),
            kind,
            message: r.message.into_inner(),
            help: r.help,
            description: r.description,
            severity,
            scope,
            flagged: r.examples.flagged,
            clean: r.examples.clean,
            origin: self.name.to_owned(),
        })
    }

    /// A key of another kind (`swap` in an `existence` rule) is an error.
    fn misplaced_keys(
        &self,
        r: &RuleSchema,
        kind: &str,
        bad: &dyn Fn(Range<usize>, String, Option<String>) -> RuleFileError,
    ) -> Result<(), RuleFileError> {
        let set: [(&str, bool); 11] = [
            ("swap", r.swap.is_some()),
            ("regex", r.regex),
            ("either", r.either.is_some()),
            ("max", r.max.is_some()),
            ("min", r.min.is_some()),
            ("first", r.first.is_some()),
            ("second", r.second.is_some()),
            ("exceptions", r.exceptions.is_some()),
            ("style", r.style.is_some()),
            ("tokens", !r.tokens.is_empty()),
            ("patterns", !r.patterns.is_empty()),
        ];
        for (key, given) in set {
            let kinds = KIND_KEYS
                .iter()
                .find(|(k, _)| *k == key)
                .map_or(&[][..], |(_, kinds)| kinds);
            if given && !kinds.contains(&kind) && KINDS.contains(&kind) {
                let at = self.key_span(r, key);
                return Err(bad(
                    at,
                    format!("`{key}` is not a key of `{kind}` rules"),
                    Some(format!("`{key}` belongs to {} rules", kinds.join(" and "))),
                ));
            }
        }
        Ok(())
    }

    /// The span of `key` in the rule's table (the kind's span when not found).
    fn key_span(&self, r: &RuleSchema, key: &str) -> Range<usize> {
        let table_start = r.id.span().start.min(r.kind.span().start);
        // The rule's table: from its `[[rule]]` to the next (or the whole file,
        // for rules written as inline tables).
        let from = self.text[..table_start].rfind("[[rule]]").unwrap_or(0);
        let body = if self.text[from..].starts_with("[[rule]]") {
            from + 8
        } else {
            from
        };
        let end = self.text[body..].find("[[rule]]").map_or(self.text.len(), |i| i + body);
        self.text[from..end]
            .match_indices(key)
            .find(|(i, _)| {
                let at = from + i;
                self.text[..at].ends_with(['\n', ' ', '.'])
                    && self.text[at + key.len()..].trim_start().starts_with(['=', '.'])
            })
            .map_or_else(|| r.kind.span(), |(i, _)| from + i..from + i + key.len())
    }

    /// What the kind needs, compiled.
    fn kind(
        &self,
        r: &RuleSchema,
        bad: &dyn Fn(Range<usize>, String, Option<String>) -> RuleFileError,
    ) -> Result<Kind, RuleFileError> {
        let need = |key: &str, what: &str| {
            bad(
                r.kind.span(),
                format!("a `{}` rule needs {what}", r.kind.get_ref()),
                Some(format!("add `{key} = ...`")),
            )
        };
        let matcher = || {
            if r.tokens.is_empty() && r.patterns.is_empty() {
                return Err(need("tokens", "`tokens` or `patterns`"));
            }
            let patterns: Vec<String> = r.patterns.iter().map(|p| p.get_ref().clone()).collect();
            Matcher::new(&r.tokens, &patterns, r.ignore_case).map_err(|e| match r.patterns.get(e.index) {
                Some(p) => bad(
                    p.span(),
                    format!(
                        "the pattern `{}` is not a valid regular expression: {}",
                        p.get_ref(),
                        e.why
                    ),
                    None,
                ),
                None => bad(
                    self.key_span(r, "tokens"),
                    format!("the tokens do not compile: {}", e.why),
                    None,
                ),
            })
        };
        let regex = |p: &Spanned<String>, groups: Option<usize>| {
            let compiled = compile(p.get_ref(), r.ignore_case).map_err(|why| {
                bad(
                    p.span(),
                    format!("the pattern `{}` is not a valid regular expression: {why}", p.get_ref()),
                    None,
                )
            })?;
            match groups {
                Some(n) if compiled.captures_len() != n + 1 => Err(bad(
                    p.span(),
                    format!("the pattern `{}` needs exactly {n} capture group", p.get_ref()),
                    Some("group what must match, e.g. `\\b([A-Z]{2,})\\b`; `(?:...)` groups without capturing".into()),
                )),
                _ => Ok(compiled),
            }
        };
        Ok(match r.kind.get_ref().as_str() {
            "existence" => Kind::Existence(matcher()?),
            "occurrence" => {
                if r.min.is_none() && r.max.is_none() {
                    return Err(need("max", "`max` or `min`"));
                }
                Kind::Occurrence {
                    matcher: matcher()?,
                    min: r.min.as_ref().map(|m| *m.get_ref()),
                    max: r.max.as_ref().map(|m| *m.get_ref()),
                }
            }
            "substitution" => {
                let swap = r
                    .swap
                    .as_ref()
                    .ok_or_else(|| need("swap", "`swap`, a table of what to write instead"))?;
                let swaps = if r.regex {
                    let mut patterns = Vec::new();
                    for (key, value) in swap.get_ref() {
                        let find = compile(key, r.ignore_case).map_err(|why| {
                            bad(
                                swap.span(),
                                format!("the key `{key}` is not a valid regular expression: {why}"),
                                None,
                            )
                        })?;
                        patterns.push((find, value.clone()));
                    }
                    Swaps::Patterns(patterns)
                } else {
                    let (keys, values): (Vec<String>, Vec<String>) =
                        swap.get_ref().iter().map(|(k, v)| (k.clone(), v.clone())).unzip();
                    let keys = Literals::new(keys, r.ignore_case)
                        .map_err(|why| bad(swap.span(), format!("the keys cannot be searched: {why}"), None))?;
                    Swaps::Literal { keys, values }
                };
                Kind::Substitution(swaps)
            }
            "consistency" => {
                let either = r
                    .either
                    .as_ref()
                    .ok_or_else(|| need("either", "`either`, groups of forms"))?;
                if either.get_ref().iter().any(|group| group.len() < 2) {
                    return Err(bad(
                        either.span(),
                        "each group of `either` needs two forms at least".into(),
                        None,
                    ));
                }
                let groups = Groups::new(either.get_ref(), r.ignore_case)
                    .map_err(|why| bad(either.span(), format!("the forms cannot be searched: {why}"), None))?;
                Kind::Consistency { groups }
            }
            "conditional" => {
                let first = r
                    .first
                    .as_ref()
                    .ok_or_else(|| need("first", "`first`, a pattern with one capture group"))?;
                let second = r
                    .second
                    .as_ref()
                    .ok_or_else(|| need("second", "`second`, a pattern with one capture group"))?;
                Kind::Conditional {
                    first: regex(first, Some(1))?,
                    second: regex(second, Some(1))?,
                    exceptions: r.exceptions.clone().unwrap_or_default(),
                }
            }
            "capitalization" => {
                let style = r.style.as_ref().ok_or_else(|| need("style", "`style`"))?;
                let parsed = match style.get_ref().as_str() {
                    "title" => Style::Title,
                    "sentence" => Style::Sentence,
                    "upper" => Style::Upper,
                    _ => {
                        return Err(bad(
                            style.span(),
                            "expected \"title\", \"sentence\" or \"upper\"".into(),
                            None,
                        ));
                    }
                };
                Kind::Capitalization {
                    style: parsed,
                    exceptions: r.exceptions.clone().unwrap_or_default(),
                }
            }
            other => {
                return Err(bad(
                    r.kind.span(),
                    format!("`{other}` is not a kind of rule"),
                    Some(format!("the kinds are {}", KINDS.join(", "))),
                ));
            }
        })
    }

    /// `{match}` everywhere, `{replacement}` where the kind has one; nothing else
    /// in braces.
    fn placeholders(
        &self,
        r: &RuleSchema,
        kind: &Kind,
        bad: &dyn Fn(Range<usize>, String, Option<String>) -> RuleFileError,
    ) -> Result<(), RuleFileError> {
        let message = r.message.get_ref();
        let replacement = matches!(
            kind,
            Kind::Substitution(_) | Kind::Consistency { .. } | Kind::Capitalization { .. }
        );
        let mut rest = message.as_str();
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}') else { break };
            let name = &rest[open + 1..open + close];
            let known = name == "match" || (name == "replacement" && replacement);
            if !known {
                let help = if replacement {
                    "`{match}` and `{replacement}`"
                } else {
                    "`{match}`"
                };
                return Err(bad(
                    r.message.span(),
                    format!("`{{{name}}}` is not a placeholder of `{}` rules", kind.name()),
                    Some(format!("the message may use {help}")),
                ));
            }
            rest = &rest[open + close + 1..];
        }
        Ok(())
    }
}

/// The kinds, as rule files name them.
const KINDS: &[&str] = &[
    "existence",
    "substitution",
    "consistency",
    "occurrence",
    "conditional",
    "capitalization",
];

/// The block kinds a scope may name.
const SCOPES: &str = "a scope names `title`, `dateline`, `heading`, `paragraph` or `list-item`";

fn block_kind(name: &str) -> Option<BlockKind> {
    Some(match name {
        "title" => BlockKind::Title,
        "dateline" => BlockKind::Dateline,
        "heading" => BlockKind::Heading { level: 1 },
        "paragraph" => BlockKind::Paragraph,
        "list-item" => BlockKind::ListItem,
        _ => return None,
    })
}
