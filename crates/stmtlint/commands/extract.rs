//! `stmtlint extract FILE`: the document model as the rules see it.

use std::io;
use std::path::Path;
use std::process::ExitCode;

use super::{Error, report_failure, setup};
use crate::args::{Common, ExtractFormat};

/// Reads one file and prints its model.
pub fn run(file: &Path, format: ExtractFormat, common: &Common) -> Result<ExitCode, Error> {
    let engine = setup(common.config.as_deref(), common.no_plugins)?.engine()?;
    let doc = match engine.read(file) {
        Ok(doc) => doc,
        Err(f) => {
            report_failure(&f);
            return Err(Error::Reported);
        }
    };
    let path = file.display().to_string();
    let mut out = io::stdout().lock();
    match format {
        ExtractFormat::Human => stmtlint_render::extract::human(&path, &doc, &mut out)?,
        ExtractFormat::Json => stmtlint_render::extract::json(&path, &doc, &mut out)?,
    }
    Ok(ExitCode::SUCCESS)
}
