#![no_main]
//! `cargo fuzz run html -s none`: see fuzz/README.md.
libfuzzer_sys::fuzz_target!(|data: &[u8]| stmtlint_fuzz::html(data));
