#![no_main]
//! `cargo fuzz run pdf_layout -s none`: see fuzz/README.md.
libfuzzer_sys::fuzz_target!(|data: &[u8]| stmtlint_fuzz::pdf_layout(data));
