//! `stmtlint extract FILE` (or `-`, standard input): the document model as the
//! rules see it.

use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{Error, report_failure, setup};
use crate::args::{Common, ExtractFormat};

/// Reads one file (or, for `-`, standard input under `stdin_name`) and prints its
/// model.
pub fn run(
    file: &Path,
    stdin_name: Option<PathBuf>,
    format: ExtractFormat,
    common: &Common,
) -> Result<ExitCode, Error> {
    let mut engine = setup(common.config.as_deref(), common.no_plugins)?.engine()?;
    let file = if file == Path::new("-") {
        let name = stdin_name.unwrap_or_else(|| PathBuf::from("-"));
        let mut bytes = Vec::new();
        io::Read::read_to_end(&mut io::stdin().lock(), &mut bytes)?;
        engine = engine.with_stdin(name.clone(), bytes);
        name
    } else {
        file.to_owned()
    };
    let file = file.as_path();
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
