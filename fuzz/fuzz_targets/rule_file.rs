#![no_main]
//! `cargo fuzz run rule_file -s none`: see fuzz/README.md.
libfuzzer_sys::fuzz_target!(|data: &[u8]| stmtlint_fuzz::rule_file(data));
