//! Inline suppressions: comments in a file that switch rules off for some of its
//! lines, and the report of those that suppressed nothing.
//!
//! ```text
//! <!-- stmtlint-disable inconsistent-name -->      … until the matching enable
//! <!-- stmtlint-enable inconsistent-name -->
//! <!-- stmtlint-disable-next-line missing-section --> the next non-blank line
//! <!-- stmtlint-disable-file unfulfilled-follow-up --> the whole file
//! ```
//!
//! In plain text the same directive stands alone on its line without the comment
//! marks. No rule named means every rule; ` -- ` starts a reason. Directives are read
//! from the file's own lines and matched against a finding's file line, so they
//! work alike for text, Markdown and HTML (a PDF has none).

use std::sync::Arc;

use stmtlint_plugin::{BuiltRule, Document, Rule, RuleSpec, Severity, Sink, Span, no_options};

use crate::report::{Chunk, Diagnostic, Excerpt, Region};

/// The rule id of the findings about suppressions that suppressed nothing.
pub const UNUSED: &str = "unused-suppression";

/// What `stmtlint explain unused-suppression` prints.
const UNUSED_DOCS: &str = "## What it does
Reports an inline suppression (`<!-- stmtlint-disable RULE -->`, `-enable`,
`-disable-next-line`, `-disable-file`, or the same line without the comment marks in
a `.txt` file) that hid no finding, or that names a rule stmtlint does not have.

## Why is this bad?
A stale suppression hides the next real finding at that place, and a misspelt rule
name hides nothing while looking as if it did.

## Example
```markdown
<!-- stmtlint-disable-next-line inconsistent-name -->
The delegations met in Washington, D.C.
```
(the line has no finding of `inconsistent-name` left)

Use instead: remove the comment, or the rule names in it that no longer fire.

## Options
None; only `severity`. The engine reports these findings after every other rule
ran, so suppressions cannot hide them.
";

/// `unused-suppression` as a rule the config, `rules` and `explain` know. Its
/// findings are made by [`apply`], after every other rule: the rule it builds
/// reads no document.
pub fn unused_spec() -> RuleSpec {
    RuleSpec {
        id: UNUSED.into(),
        summary: "an inline suppression hides no finding, or names no rule".into(),
        docs: UNUSED_DOCS.into(),
        default_severity: Severity::Warning,
        origin: "built-in".into(),
        validate: Arc::new(no_options),
        build: Arc::new(|options| no_options(options).map(|()| BuiltRule::Document(Box::new(ReportedByTheEngine)))),
    }
}

/// The document side of `unused-suppression`: nothing (see [`apply`]).
struct ReportedByTheEngine;

impl Rule for ReportedByTheEngine {
    fn check(&self, _: &Document, _: &mut Sink) {}
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Disable,
    Enable,
    NextLine,
    File,
}

/// One directive of a file.
#[derive(Clone, Debug)]
pub struct Directive {
    kind: Kind,
    /// Its 1-based line.
    line: u32,
    /// The rules it names; empty: all of them.
    rules: Vec<String>,
    /// The last line it covers (inclusive), set once all directives are read.
    until: u32,
    /// The first line it covers.
    from: u32,
    /// The directive's line as written, for the unused report.
    written: String,
    /// Which of `rules` (or, with none, the directive itself) suppressed something.
    used: Vec<bool>,
}

/// Whether `bytes` may hold a directive: a cheap test before [`parse`].
pub fn may_have(bytes: &[u8]) -> bool {
    memchr::memmem::find(bytes, b"stmtlint-").is_some()
}

/// The directive that switches `rule` off for the next line, as `parse` reads it:
/// in an HTML comment (Markdown, HTML), or bare (a `.txt` file has no comments).
pub fn disable_next_line(rule: &str, in_comment: bool) -> String {
    let directive = format!("stmtlint-disable-next-line {rule}");
    if in_comment {
        format!("<!-- {directive} -->")
    } else {
        directive
    }
}

/// The directives of a file's text.
pub fn parse(text: &str) -> Vec<Directive> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out: Vec<Directive> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some((kind, rules)) = directive(line) else {
            continue;
        };
        let number = i as u32 + 1;
        let next = lines[i + 1..]
            .iter()
            .position(|l| !l.trim().is_empty())
            .map_or(number + 1, |k| number + 1 + k as u32);
        let (from, until) = match kind {
            Kind::NextLine => (next, next),
            Kind::File => (1, u32::MAX),
            Kind::Disable | Kind::Enable => (number, u32::MAX),
        };
        out.push(Directive {
            kind,
            line: number,
            used: vec![false; rules.len().max(1)],
            rules,
            from,
            until,
            written: line.trim().to_owned(),
        });
    }
    // A disable ends at the first later enable of one of its rules (or of all).
    let enables: Vec<(u32, Vec<String>)> = out
        .iter()
        .filter(|d| d.kind == Kind::Enable)
        .map(|d| (d.line, d.rules.clone()))
        .collect();
    for d in out.iter_mut().filter(|d| d.kind == Kind::Disable) {
        let ends =
            |rules: &Vec<String>| rules.is_empty() || d.rules.is_empty() || rules.iter().any(|r| d.rules.contains(r));
        if let Some((line, _)) = enables.iter().find(|(line, rules)| *line > d.line && ends(rules)) {
            d.until = line - 1;
        }
    }
    out
}

/// The directive a line holds: `<!-- stmtlint-… -->` anywhere on it, or the bare
/// directive alone on it.
fn directive(line: &str) -> Option<(Kind, Vec<String>)> {
    let body = match line.find("<!--") {
        Some(open) => {
            let rest = &line[open + 4..];
            &rest[..rest.find("-->")?]
        }
        None => line,
    };
    let body = body.trim().strip_prefix("stmtlint-")?;
    let (kind, rest) = [
        ("disable-next-line", Kind::NextLine),
        ("disable-file", Kind::File),
        ("disable", Kind::Disable),
        ("enable", Kind::Enable),
    ]
    .into_iter()
    .find_map(|(word, kind)| {
        let rest = body.strip_prefix(word)?;
        (rest.is_empty() || rest.starts_with(char::is_whitespace)).then_some((kind, rest))
    })?;
    let rules = rest.split(" -- ").next().unwrap_or_default();
    let rules = rules
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|r| !r.is_empty())
        .map(str::to_owned)
        .collect();
    Some((kind, rules))
}

impl Directive {
    /// Whether it hides `d`; marks what it used.
    fn hides(&mut self, d: &Diagnostic) -> bool {
        if self.kind == Kind::Enable || d.region.line < self.from || d.region.line > self.until {
            return false;
        }
        if self.rules.is_empty() {
            self.used[0] = true;
            return true;
        }
        match self.rules.iter().position(|r| *r == d.rule) {
            Some(i) => {
                self.used[i] = true;
                true
            }
            None => false,
        }
    }

    /// A finding on the directive when some of it suppressed nothing. Rules
    /// `known` not to run here (plugin rules under `--no-plugins`) are neither.
    fn unused(&self, path: &str, known: &Known<'_>, severity: Severity) -> Option<Diagnostic> {
        let (known, skipped) = (known.ran, known.skipped);
        // `used` has one entry per rule, or one for a directive that names none.
        let idle = |i: usize| !self.used[i] && self.rules.get(i).is_none_or(|r| !skipped(r));
        if self.kind == Kind::Enable || !(0..self.used.len()).any(idle) {
            return None;
        }
        let unknown: Vec<&str> = self
            .rules
            .iter()
            .map(String::as_str)
            .filter(|r| !known.contains(r) && !skipped(r))
            .collect();
        let idle: Vec<String> = self
            .rules
            .iter()
            .zip(&self.used)
            .filter(|(r, used)| !**used && known.contains(&r.as_str()))
            .map(|(r, _)| format!("`{r}`"))
            .collect();
        let message = if !unknown.is_empty() {
            format!("suppression names no rule stmtlint has: `{}`", unknown.join("`, `"))
        } else if self.rules.is_empty() {
            "suppression hides no finding".to_owned()
        } else {
            format!("suppression of {} hides no finding", idle.join(", "))
        };
        let len = self.written.chars().count() as u32;
        let text_len = self.written.len();
        Some(Diagnostic {
            path: path.to_owned(),
            rule: UNUSED.to_owned(),
            severity,
            message,
            help: Some("remove the comment, or the rule names in it that no longer fire".into()),
            region: Region {
                line: self.line,
                column: 1,
                end_line: self.line,
                end_column: len + 1,
            },
            page: None,
            text: self.written.clone(),
            labels: Vec::new(),
            fix: None,
            span: Span::new(0, text_len),
            excerpt: Excerpt {
                chunks: vec![Chunk {
                    offset: 0,
                    line: self.line as usize - 1,
                    page: None,
                    text: self.written.clone(),
                }],
                spans: vec![Some(Span::new(0, text_len))],
                positions: vec![(self.line as usize - 1, 0)],
            },
        })
    }
}

/// The rules a suppression may name: those that ran, and those left out on purpose.
pub struct Known<'a> {
    /// The ids of the rules that ran.
    pub ran: &'a [&'a str],
    /// Whether a rule that did not run was left out on purpose (a plugin rule
    /// under `--no-plugins`): its suppressions are neither used nor unknown.
    pub skipped: &'a dyn Fn(&str) -> bool,
}

/// Drops from `diagnostics` (all of one file, `path`) those its `directives` hide,
/// and, when `unused` gives the severity, adds a finding for each directive that
/// hid nothing. `known` are the ids of the rules that ran.
pub fn apply(
    path: &str,
    mut directives: Vec<Directive>,
    diagnostics: &mut Vec<Diagnostic>,
    known: &Known<'_>,
    unused: Option<Severity>,
) {
    diagnostics.retain(|d| {
        if d.path != path || d.page.is_some() {
            return true;
        }
        // Every directive that covers `d` is marked used, not just the first.
        let hiding = directives.iter_mut().map(|s| s.hides(d)).filter(|hid| *hid).count();
        hiding == 0
    });
    if let Some(severity) = unused {
        diagnostics.extend(directives.iter().filter_map(|s| s.unused(path, known, severity)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diagnostic(rule: &str, line: u32) -> Diagnostic {
        Diagnostic {
            path: "a.md".into(),
            rule: rule.into(),
            severity: Severity::Warning,
            message: "m".into(),
            help: None,
            region: Region {
                line,
                column: 1,
                end_line: line,
                end_column: 2,
            },
            page: None,
            text: String::new(),
            labels: Vec::new(),
            fix: None,
            span: Span::new(0, 0),
            excerpt: Excerpt::default(),
        }
    }

    /// The rules and lines of what is left after `text`'s directives.
    fn left(text: &str, found: &[(&str, u32)]) -> Vec<(String, u32)> {
        let mut all: Vec<Diagnostic> = found.iter().map(|(r, l)| diagnostic(r, *l)).collect();
        let known = Known {
            ran: &["a", "b"],
            skipped: &|_| false,
        };
        apply("a.md", parse(text), &mut all, &known, Some(Severity::Warning));
        all.iter().map(|d| (d.rule.clone(), d.region.line)).collect()
    }

    fn pairs(v: &[(&str, u32)]) -> Vec<(String, u32)> {
        v.iter().map(|(r, l)| ((*r).to_owned(), *l)).collect()
    }

    #[test]
    fn disable_runs_until_the_matching_enable() {
        let text = "x\n<!-- stmtlint-disable a -->\nx\nx\n<!-- stmtlint-enable a -->\nx\n";
        assert_eq!(
            left(text, &[("a", 1), ("a", 3), ("b", 3), ("a", 4), ("a", 6)]),
            pairs(&[("a", 1), ("b", 3), ("a", 6)])
        );
    }

    #[test]
    fn next_line_skips_blank_lines_and_file_covers_all() {
        let text = "stmtlint-disable-next-line a -- a reason\n\nx\nx\n";
        for in_comment in [true, false] {
            let written = disable_next_line("inconsistent-name", in_comment);
            assert_eq!(parse(&format!("{written}\nx\n")).len(), 1, "{written}");
        }
        assert_eq!(left(text, &[("a", 3), ("a", 4)]), pairs(&[("a", 4)]));
        let text = "x\n<!-- stmtlint-disable-file b, a -->\n";
        assert!(left(text, &[("a", 1), ("b", 9)]).is_empty());
        // No rule named: every rule.
        let text = "<!-- stmtlint-disable -->\nx\n";
        assert!(left(text, &[("a", 2), ("b", 2)]).is_empty());
    }

    #[test]
    fn unused_and_unknown_suppressions_are_findings() {
        let mut all = vec![diagnostic("a", 2)];
        let text = "<!-- stmtlint-disable-next-line a, b -->\nx\n<!-- stmtlint-disable nope -->\n";
        let known = Known {
            ran: &["a", "b"],
            skipped: &|_| false,
        };
        apply("a.md", parse(text), &mut all, &known, Some(Severity::Warning));
        let messages: Vec<&str> = all.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "suppression of `b` hides no finding",
                "suppression names no rule stmtlint has: `nope`"
            ]
        );
        assert!(all.iter().all(|d| d.rule == UNUSED));
        assert_eq!(all[1].region.line, 3);
    }

    #[test]
    fn ordinary_text_is_no_directive() {
        assert!(parse("We discussed stmtlint-disable policies.\n<!-- a comment -->\n").is_empty());
        assert!(parse("stmtlint-disabled a\n").is_empty());
    }
}
