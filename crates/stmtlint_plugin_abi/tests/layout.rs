//! Pins the ABI's layout: the size of every struct and the offset of every field,
//! snapshotted, and compared with what a C compiler makes of `include/stmtlint_plugin.h`.
//! A reordered or retyped field fails here before it breaks a plugin.

use std::fmt::Write as _;
use std::mem::{offset_of, size_of};
use std::path::Path;
use std::process::Command;

use stmtlint_plugin_abi::*;

macro_rules! layout {
    ($out:ident, $($t:ident { $($f:ident),* })*) => {$(
        writeln!($out, "{} size {}", stringify!($t), size_of::<$t>()).unwrap();
        $(writeln!($out, "{}.{} {}", stringify!($t), stringify!($f), offset_of!($t, $f)).unwrap();)*
    )*};
}

fn rust_layout() -> String {
    let mut out = String::new();
    layout!(out,
        StrRef { ptr, len }
        SpanV1 { start, end }
        BlockV1 { kind, level, span }
        AnchorV1 { offset, page, line, column }
        DateV1 { year, month, day }
        MetadataV1 { struct_size, title, date, place, issuer, series, ordinal, parties, n_parties, date_source, fragment }
        DocumentV1 { struct_size, doc_id, path, format, text, blocks, n_blocks, metadata, anchors, n_anchors }
        LabelV1 { span, message }
        EditV1 { span, replacement }
        FindingV1 { struct_size, doc_id, span, message, help, labels, n_labels, fix_message, fix_applicability, edits, n_edits, severity }
        FindingSinkV1 { ctx, emit }
        ErrorSinkV1 { ctx, set }
        FactsSinkV1 { ctx, set }
        DocFactsV1 { doc_id, path, facts_json }
        DocBuilderV1 { ctx, set_text, add_block, set_metadata, add_anchor, add_note }
        RuleV1 { struct_size, id, summary, docs, default_severity, create, check, collect, finish, destroy, finish_in_run, finish_reading }
        FactsReaderV1 { ctx, count, next }
        RunContextV1 { struct_size, as_of }
        SourceV1 { struct_size, name, extensions, sniff, read, read_for_positions }
        HostInfoV1 { struct_size, abi_major, abi_minor, host_version }
        PluginInfoV1 { magic, abi_major, abi_minor, struct_size, name, version, built_with, flags, rules, n_rules, sources, n_sources }
    );
    out
}

#[test]
#[cfg(target_pointer_width = "64")]
fn layout_is_pinned() {
    insta::assert_snapshot!(rust_layout());
}

#[test]
fn the_c_header_has_the_same_layout() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let exe = std::env::temp_dir().join(format!("stmtlint-layout-{}", std::process::id()));
    let compiled = Command::new("cc")
        .args(["-std=c11", "-Wall", "-Werror", "-I"])
        .arg(root.join("include"))
        .arg(root.join("tests/c-plugins/layout.c"))
        .arg("-o")
        .arg(&exe)
        .status();
    match compiled {
        Ok(status) if status.success() => {}
        Ok(status) => panic!("layout.c failed to compile: {status}"),
        Err(e) => {
            println!("skipped: no C compiler (`cc`): {e}");
            return;
        }
    }
    let output = Command::new(&exe).output().unwrap();
    let _ = std::fs::remove_file(&exe);
    assert_eq!(String::from_utf8(output.stdout).unwrap(), rust_layout());
}
