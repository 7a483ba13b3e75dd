//! `check --fix`, `--unsafe-fixes` and `--diff`.

use crate::util::Dir;

const STATEMENT: &str = "Joint Statement on Fisheries\nWashington, DC, 3 April 2025\n\n\
The delegations met in Washington, D.C. on Monday.\n";

const PAGE: &str = "<!DOCTYPE html>\n<html><head><title>Fisheries</title></head><body><main>\n\
<h1>Joint Statement on Fisheries</h1>\n<p>Washington, DC, 3 April 2025</p>\n\
<p>The delegations met in Washington, D.C. and agreed to exchange data.</p>\n\
</main></body></html>\n";

#[cfg(unix)]
fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn diff_shows_and_fix_applies_safe_fixes_to_text_files() {
    let dir = Dir::new("fix-text");
    let file = dir.file("a.txt", STATEMENT);
    let out = dir.run(&["check", "--diff", "a.txt"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "--- a.txt\n+++ a.txt\n@@ -4,1 +4,1 @@\n\
         -The delegations met in Washington, D.C. on Monday.\n\
         +The delegations met in Washington, DC on Monday.\n"
    );
    assert!(out.stderr.contains("would fix 1 finding in 1 file"), "{}", out.stderr);
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        STATEMENT,
        "--diff changes nothing"
    );

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
    }
    let out = dir.run(&["check", "--fix", "--format", "json", "a.txt"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("fixed 1 finding in 1 file"), "{}", out.stderr);
    assert!(out.stdout.contains("\"diagnostics\": []"), "{}", out.stdout);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), STATEMENT.replace("D.C.", "DC"));
    #[cfg(unix)]
    assert_eq!(mode(&file), 0o640, "permissions are kept");
    // Nothing left to do.
    let out = dir.run(&["check", "--diff", "a.txt"]);
    assert_eq!((out.code, out.stdout.as_str()), (0, ""), "{}", out.stderr);
}

#[test]
fn html_pages_are_fixed_only_with_unsafe_fixes() {
    let dir = Dir::new("fix-html");
    let file = dir.file("a.html", PAGE);
    let out = dir.run(&["check", "--fix", "a.html"]);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), PAGE);
    assert!(out.stderr.contains("fixed 0 findings in 0 files"), "{}", out.stderr);
    let out = dir.run(&["check", "--fix", "--unsafe-fixes", "a.html"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        PAGE.replace("Washington, D.C. and", "Washington, DC and")
    );
}

#[test]
fn a_file_whose_text_is_not_where_the_fix_expects_it_is_left_alone() {
    let dir = Dir::new("fix-markup");
    // An entity inside the name: the page's text is not the file's bytes there.
    let page = PAGE.replace("Washington, D.C. and", "Washington,&#32;D.C. and");
    let file = dir.file("a.html", &page);
    let out = dir.run(&["check", "--fix", "--unsafe-fixes", "a.html"]);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), page);
    assert!(out.stderr.contains("a.html not fixed"), "{}", out.stderr);
    assert_eq!(out.code, 0, "a warning is left: {}", out.stderr);
}
