//! GitHub Actions workflow commands: one `::error`, `::warning` or `::notice` line per
//! finding, which the runner turns into annotations on the pull request.
//!
//! `::error file=PATH,line=L,col=C,endLine=L,endColumn=C,title=RULE::MESSAGE`. In the
//! message `%`, `\r` and `\n` are escaped; in a property also `:` and `,`, which
//! would end it (the escaping of `@actions/core`). Paths are relative to the
//! repository's root, as the runner expects, wherever stmtlint runs from.

use std::io::{self, Write};
use std::path::Path;

use stmtlint_engine::Findings;
use stmtlint_plugin::Severity;

/// Writes the workflow commands; `root` is the repository's root, `cwd` where
/// the report's paths start.
pub fn render(report: &dyn Findings, root: &Path, cwd: &Path, out: &mut dyn Write) -> io::Result<()> {
    let file = |path: &str| property(&crate::sarif::relative(path, root, cwd));
    for findings in report.files() {
        for d in findings?.iter() {
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let mut message = d.message.clone();
            if let Some(page) = d.page {
                message = format!("page {page}: {message}");
            }
            writeln!(
                out,
                "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                file(&d.path),
                d.region.line,
                d.region.column,
                d.region.end_line,
                d.region.end_column,
                property(&d.rule),
                data(&message)
            )?;
        }
    }
    for f in report.failures() {
        writeln!(
            out,
            "::error file={},title={}::{}",
            file(&f.path),
            property(&f.code),
            data(&f.message)
        )?;
    }
    Ok(())
}

/// A command's message: `%`, CR and LF escaped.
pub fn data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// A command's property value: also `:` and `,`.
pub fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_actions_toolkit_does() {
        assert_eq!(data("100% done\r\nnext: a, b"), "100%25 done%0D%0Anext: a, b");
        assert_eq!(property("dir/a,b:c%.md\n"), "dir/a%2Cb%3Ac%25.md%0A");
    }
}
