/*
 * stmtlint native plugin ABI, major version 1 (minor: STMTLINT_ABI_MINOR below) — the
 * C view of crates/stmtlint_plugin_abi.
 *
 * A plugin is a shared library exporting one function:
 *
 *     const StmtlintPluginInfoV1 *stmtlint_plugin_entry_v1(const StmtlintHostInfoV1 *host);
 *
 * returning a pointer to static data. Ownership: everything the host passes in is
 * lent for the duration of the call; everything the plugin hands back goes through
 * host callbacks, lent for the duration of the callback, and the host copies it. No
 * allocation changes owner; the host never unloads a library. Every function returns
 * a STMTLINT_STATUS_* code. Strings are UTF-8, (ptr, len), not NUL-terminated; ptr
 * may be NULL only when len is 0. Structs with struct_size only grow at the end.
 *
 * The layout is checked against the Rust definitions by tests/c-plugins (layout.c).
 */
#ifndef STMTLINT_PLUGIN_H
#define STMTLINT_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define STMTLINT_ABI_MAJOR 1
#define STMTLINT_ABI_MINOR 5
#define STMTLINT_MAGIC "STMTLNT" /* 8 bytes with the NUL */

#define STMTLINT_STATUS_OK 0u
#define STMTLINT_STATUS_ERROR 1u
#define STMTLINT_STATUS_PANICKED 2u
#define STMTLINT_STATUS_INVALID_INPUT 3u

#define STMTLINT_SEVERITY_ERROR 1u
#define STMTLINT_SEVERITY_WARNING 2u
#define STMTLINT_SEVERITY_INFO 3u

#define STMTLINT_BLOCK_TITLE 1u
#define STMTLINT_BLOCK_DATELINE 2u
#define STMTLINT_BLOCK_HEADING 3u
#define STMTLINT_BLOCK_PARAGRAPH 4u
#define STMTLINT_BLOCK_LIST_ITEM 5u
#define STMTLINT_BLOCK_BOILERPLATE 6u

#define STMTLINT_FIX_SAFE 1u
#define STMTLINT_FIX_UNSAFE 2u
#define STMTLINT_FIX_DISPLAY_ONLY 3u

#define STMTLINT_FLAG_PANIC_ABORT 1ull

typedef struct { const uint8_t *ptr; size_t len; } StmtlintStrRef;
typedef struct { const uint8_t *ptr; size_t len; } StmtlintBytesRef;
typedef struct { uint64_t start; uint64_t end; } StmtlintSpanV1;

typedef struct { uint32_t kind; uint32_t level; StmtlintSpanV1 span; } StmtlintBlockV1;
typedef struct { uint64_t offset; uint32_t page; uint32_t line; uint32_t column; } StmtlintAnchorV1;
typedef struct { int32_t year; uint32_t month; uint32_t day; } StmtlintDateV1;

typedef struct {
    uint32_t struct_size;
    StmtlintStrRef title;
    StmtlintDateV1 date;
    StmtlintStrRef place;
    StmtlintStrRef issuer;
    StmtlintStrRef series;
    uint32_t ordinal;
    const StmtlintStrRef *parties;
    size_t n_parties;
    /* ABI minor 1: where the date was found (STMTLINT_DATE_SOURCE_*), and 1 for a
       content system's body fragment. Readers check struct_size first. */
    uint32_t date_source;
    uint32_t fragment;
} StmtlintMetadataV1;

#define STMTLINT_DATE_SOURCE_NONE 0
#define STMTLINT_DATE_SOURCE_DATELINE 1
#define STMTLINT_DATE_SOURCE_META 2
#define STMTLINT_DATE_SOURCE_FRONT_MATTER 3
#define STMTLINT_DATE_SOURCE_TEXT 4
#define STMTLINT_DATE_SOURCE_FILE_NAME 5

typedef struct {
    uint32_t struct_size;
    uint64_t doc_id;
    StmtlintStrRef path;
    StmtlintStrRef format;
    StmtlintStrRef text;
    const StmtlintBlockV1 *blocks;
    size_t n_blocks;
    const StmtlintMetadataV1 *metadata;
    const StmtlintAnchorV1 *anchors;
    size_t n_anchors;
} StmtlintDocumentV1;

typedef struct { StmtlintSpanV1 span; StmtlintStrRef message; } StmtlintLabelV1;
typedef struct { StmtlintSpanV1 span; StmtlintStrRef replacement; } StmtlintEditV1;

typedef struct {
    uint32_t struct_size;
    uint64_t doc_id;
    StmtlintSpanV1 span;
    StmtlintStrRef message;
    StmtlintStrRef help;
    const StmtlintLabelV1 *labels;
    size_t n_labels;
    StmtlintStrRef fix_message;
    uint32_t fix_applicability;
    const StmtlintEditV1 *edits;
    size_t n_edits;
    /* ABI 1.3: the finding's own severity (STMTLINT_SEVERITY_*), 0 for the rule's. */
    uint32_t severity;
} StmtlintFindingV1;

typedef struct { void *ctx; uint32_t (*emit)(void *ctx, const StmtlintFindingV1 *finding); } StmtlintFindingSinkV1;
typedef struct { void *ctx; void (*set)(void *ctx, StmtlintStrRef message); } StmtlintErrorSinkV1;
typedef struct { void *ctx; uint32_t (*set)(void *ctx, StmtlintStrRef facts_json); } StmtlintFactsSinkV1;
typedef struct { uint64_t doc_id; StmtlintStrRef path; StmtlintStrRef facts_json; } StmtlintDocFactsV1;

/* ABI 1.2: what the run tells a corpus rule's finish_in_run; as_of.year 0 = none. */
typedef struct { uint32_t struct_size; StmtlintDateV1 as_of; } StmtlintRunContextV1;

/* ABI 1.4: the facts of every document for finish_reading, one document at a time:
   next writes the next one to out (its strings lent until the next call) and
   returns 1, or returns 0 when none is left. */
typedef struct {
    void *ctx;
    size_t count;
    uint32_t (*next)(void *ctx, StmtlintDocFactsV1 *out);
} StmtlintFactsReaderV1;

typedef struct {
    void *ctx;
    uint32_t (*set_text)(void *ctx, StmtlintStrRef text);
    uint32_t (*add_block)(void *ctx, StmtlintBlockV1 block);
    uint32_t (*set_metadata)(void *ctx, const StmtlintMetadataV1 *metadata);
    uint32_t (*add_anchor)(void *ctx, StmtlintAnchorV1 anchor);
    uint32_t (*add_note)(void *ctx, StmtlintStrRef note);
} StmtlintDocBuilderV1;

typedef struct {
    uint32_t struct_size;
    StmtlintStrRef id;
    StmtlintStrRef summary;
    StmtlintStrRef docs;
    uint32_t default_severity;
    uint32_t (*create)(StmtlintStrRef options_json, void **out, const StmtlintErrorSinkV1 *err);
    uint32_t (*check)(void *rule, const StmtlintDocumentV1 *doc, const StmtlintFindingSinkV1 *sink,
                      const StmtlintErrorSinkV1 *err);
    uint32_t (*collect)(void *rule, const StmtlintDocumentV1 *doc, const StmtlintFactsSinkV1 *out,
                        const StmtlintErrorSinkV1 *err);
    uint32_t (*finish)(void *rule, const StmtlintDocFactsV1 *facts, size_t n_facts,
                       const StmtlintFindingSinkV1 *sink, const StmtlintErrorSinkV1 *err);
    void (*destroy)(void *rule);
    /* ABI 1.2, corpus rules: finish with the run's context; called instead of finish
       when not NULL. A plugin built for 1.0/1.1 leaves it out (smaller struct_size). */
    uint32_t (*finish_in_run)(void *rule, const StmtlintDocFactsV1 *facts, size_t n_facts,
                              const StmtlintRunContextV1 *run, const StmtlintFindingSinkV1 *sink,
                              const StmtlintErrorSinkV1 *err);
    /* ABI 1.4, corpus rules: finish_in_run with the facts read one document at a
       time; called instead of the other two when not NULL. */
    uint32_t (*finish_reading)(void *rule, const StmtlintFactsReaderV1 *facts,
                               const StmtlintRunContextV1 *run, const StmtlintFindingSinkV1 *sink,
                               const StmtlintErrorSinkV1 *err);
} StmtlintRuleV1;

typedef struct {
    uint32_t struct_size;
    StmtlintStrRef name;
    StmtlintStrRef extensions;
    uint32_t (*sniff)(StmtlintBytesRef head);
    uint32_t (*read)(StmtlintBytesRef bytes, const StmtlintDocBuilderV1 *out, const StmtlintErrorSinkV1 *err);
    /* ABI 1.5: the text and anchors only, for placing findings in a file read
       again; may be NULL (then read). A plugin built before 1.5 leaves it out
       (smaller struct_size). */
    uint32_t (*read_for_positions)(StmtlintBytesRef bytes, const StmtlintDocBuilderV1 *out, const StmtlintErrorSinkV1 *err);
} StmtlintSourceV1;

typedef struct {
    uint32_t struct_size;
    uint16_t abi_major;
    uint16_t abi_minor;
    StmtlintStrRef host_version;
} StmtlintHostInfoV1;

typedef struct {
    uint8_t magic[8];
    uint16_t abi_major;
    uint16_t abi_minor;
    uint32_t struct_size;
    StmtlintStrRef name;
    StmtlintStrRef version;
    StmtlintStrRef built_with;
    uint64_t flags;
    const StmtlintRuleV1 *rules;
    size_t n_rules;
    const StmtlintSourceV1 *sources;
    size_t n_sources;
} StmtlintPluginInfoV1;

typedef const StmtlintPluginInfoV1 *(*StmtlintEntryFnV1)(const StmtlintHostInfoV1 *host);

/* A string literal as a StmtlintStrRef. */
#define STMTLINT_STR(s) ((StmtlintStrRef){ (const uint8_t *)(s), sizeof(s) - 1 })

#ifdef __cplusplus
}
#endif

#endif /* STMTLINT_PLUGIN_H */
