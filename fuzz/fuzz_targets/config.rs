#![no_main]
//! `cargo fuzz run config -s none`: see fuzz/README.md.
libfuzzer_sys::fuzz_target!(|data: &[u8]| stmtlint_fuzz::config(data));
