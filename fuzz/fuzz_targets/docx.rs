#![no_main]
//! `cargo fuzz run docx -s none`: see fuzz/README.md.
libfuzzer_sys::fuzz_target!(|data: &[u8]| stmtlint_fuzz::docx(data));
