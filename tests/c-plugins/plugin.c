/*
 * A stmtlint rule plugin in C, and, with -D flags, every way a plugin can be
 * malformed. Built by crates/stmtlint_plugin_host/tests/c_plugins.rs:
 *
 *   cc -shared -fPIC -I include -o libc_shout.so tests/c-plugins/plugin.c
 *   cc ... -DBAD_MAGIC, -DABI_V2, -DNULL_RULES, -DHUGE_COUNT, -DBAD_UTF8,
 *          -DDUPLICATE_RULE, -DREJECT_OPTIONS, -DBAD_SPAN, -DENTRY_V2, -DNO_ENTRY
 *   cc ... -DREADING: the corpus rule reads its facts through the host's reader
 *          (ABI 1.4) instead of taking them in one table (ABI 1.0)
 *   cc ... -DOLD_SOURCES: the sources table is laid out as before ABI 1.5 (no
 *          read_for_positions; a smaller struct_size and stride)
 *
 * The rule `shout` flags `!!!` in a document. The corpus rule `tally` keeps each
 * document's length as its facts and reports on every document how many there
 * are and how long they are together. The sources `loud` and `quiet` (files
 * `.loud`, `.quiet`) read a file as one paragraph; for positions only, as its
 * text alone.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stmtlint_plugin.h"

static void set_error(const StmtlintErrorSinkV1 *err, const char *message) {
    if (err && err->set) {
        StmtlintStrRef m = { (const uint8_t *)message, strlen(message) };
        err->set(err->ctx, m);
    }
}

static uint32_t create(StmtlintStrRef options, void **out, const StmtlintErrorSinkV1 *err) {
#ifdef REJECT_OPTIONS
    (void)options;
    (void)out;
    /* The options JSON has one key per line: line 2 is the first key. */
    set_error(err, "unknown field `loudness` at line 2 column 12");
    return STMTLINT_STATUS_INVALID_INPUT;
#else
    (void)options;
    (void)err;
    *out = malloc(1);
    return *out ? STMTLINT_STATUS_OK : STMTLINT_STATUS_ERROR;
#endif
}

static void destroy(void *rule) { free(rule); }

static uint32_t check(void *rule, const StmtlintDocumentV1 *doc, const StmtlintFindingSinkV1 *sink,
                      const StmtlintErrorSinkV1 *err) {
    (void)rule;
    if (!sink || !sink->emit) {
        set_error(err, "the host passed no finding sink");
        return STMTLINT_STATUS_ERROR;
    }
    const char *text = (const char *)doc->text.ptr;
    for (size_t i = 0; i + 3 <= doc->text.len; i++) {
        if (memcmp(text + i, "!!!", 3) != 0) continue;
        StmtlintFindingV1 f;
        memset(&f, 0, sizeof f);
        f.struct_size = sizeof f;
        f.span.start = i;
        f.span.end = i + 3;
#ifdef BAD_SPAN
        f.span.end = doc->text.len + 100;
#endif
        f.message = STMTLINT_STR("statement shouts with `!!!`");
        f.help = STMTLINT_STR("one exclamation mark is enough, none is better");
        uint32_t rc = sink->emit(sink->ctx, &f);
        if (rc != STMTLINT_STATUS_OK) return rc;
        i += 2;
    }
    return STMTLINT_STATUS_OK;
}

static uint32_t collect(void *rule, const StmtlintDocumentV1 *doc, const StmtlintFactsSinkV1 *out,
                        const StmtlintErrorSinkV1 *err) {
    (void)rule;
    (void)err;
    char json[64];
    int n = snprintf(json, sizeof json, "{\"chars\": %zu}", doc->text.len);
    StmtlintStrRef facts = { (const uint8_t *)json, (size_t)n };
    return out->set(out->ctx, facts);
}

/* The number after the colon of `{"chars": N}`. */
static unsigned long chars_of(StmtlintStrRef json) {
    char text[64] = { 0 };
    memcpy(text, json.ptr, json.len < sizeof text - 1 ? json.len : sizeof text - 1);
    const char *colon = strchr(text, ':');
    return colon ? strtoul(colon + 1, NULL, 10) : 0;
}

static uint32_t report(const uint64_t *docs, size_t n, unsigned long chars, const StmtlintFindingSinkV1 *sink) {
    char message[96];
    snprintf(message, sizeof message, "one of %zu statements, %lu characters in all", n, chars);
    for (size_t i = 0; i < n; i++) {
        StmtlintFindingV1 f;
        memset(&f, 0, sizeof f);
        f.struct_size = sizeof f;
        f.doc_id = docs[i];
        f.message.ptr = (const uint8_t *)message;
        f.message.len = strlen(message);
        uint32_t rc = sink->emit(sink->ctx, &f);
        if (rc != STMTLINT_STATUS_OK) return rc;
    }
    return STMTLINT_STATUS_OK;
}

#ifdef READING
static uint32_t finish_reading(void *rule, const StmtlintFactsReaderV1 *facts, const StmtlintRunContextV1 *run,
                               const StmtlintFindingSinkV1 *sink, const StmtlintErrorSinkV1 *err) {
    (void)rule;
    (void)run;
    uint64_t *docs = malloc((facts->count + 1) * sizeof *docs);
    if (!docs) {
        set_error(err, "out of memory");
        return STMTLINT_STATUS_ERROR;
    }
    size_t n = 0;
    unsigned long chars = 0;
    StmtlintDocFactsV1 one;
    while (n < facts->count && facts->next(facts->ctx, &one) == 1) {
        docs[n++] = one.doc_id;
        chars += chars_of(one.facts_json);
    }
    uint32_t rc = report(docs, n, chars, sink);
    free(docs);
    return rc;
}
#else
static uint32_t finish(void *rule, const StmtlintDocFactsV1 *facts, size_t n_facts, const StmtlintFindingSinkV1 *sink,
                       const StmtlintErrorSinkV1 *err) {
    (void)rule;
    uint64_t *docs = malloc((n_facts + 1) * sizeof *docs);
    if (!docs) {
        set_error(err, "out of memory");
        return STMTLINT_STATUS_ERROR;
    }
    unsigned long chars = 0;
    for (size_t i = 0; i < n_facts; i++) {
        docs[i] = facts[i].doc_id;
        chars += chars_of(facts[i].facts_json);
    }
    uint32_t rc = report(docs, n_facts, chars, sink);
    free(docs);
    return rc;
}
#endif

static const StmtlintRuleV1 RULES[] = {
    {
        .struct_size = sizeof(StmtlintRuleV1),
        .id = STMTLINT_STR("shout"),
        .summary = STMTLINT_STR("a statement shouts with `!!!`"),
        .docs = STMTLINT_STR("## What it does\nFlags `!!!`.\n"),
        .default_severity = STMTLINT_SEVERITY_WARNING,
        .create = create,
        .check = check,
        .collect = NULL,
        .finish = NULL,
        .destroy = destroy,
    },
    {
        .struct_size = sizeof(StmtlintRuleV1),
        .id = STMTLINT_STR("tally"),
        .summary = STMTLINT_STR("how many statements there are, and how long"),
        .docs = STMTLINT_STR("## What it does\nCounts the statements.\n"),
        .default_severity = STMTLINT_SEVERITY_INFO,
        .create = create,
        .collect = collect,
#ifdef READING
        /* Only the 1.4 way: a host older than 1.4 would refuse the rule. */
        .finish = NULL,
        .finish_reading = finish_reading,
#else
        .finish = finish,
#endif
        .destroy = destroy,
    },
#ifdef DUPLICATE_RULE
    {
        .struct_size = sizeof(StmtlintRuleV1),
        .id = STMTLINT_STR("shout"),
        .summary = STMTLINT_STR("again"),
        .docs = STMTLINT_STR(""),
        .default_severity = STMTLINT_SEVERITY_WARNING,
        .create = create,
        .check = check,
        .destroy = destroy,
    },
#endif
};

/* The file as one paragraph, or (`whole` 0) its text alone. */
static uint32_t read_file(StmtlintBytesRef bytes, const StmtlintDocBuilderV1 *out, const StmtlintErrorSinkV1 *err,
                          int whole) {
    if (!out || !out->set_text || !out->add_block) {
        set_error(err, "the host passed no document builder");
        return STMTLINT_STATUS_ERROR;
    }
    StmtlintStrRef text = { bytes.ptr, bytes.len };
    uint32_t rc = out->set_text(out->ctx, text);
    if (rc != STMTLINT_STATUS_OK || !whole || bytes.len == 0) return rc;
    StmtlintBlockV1 block;
    memset(&block, 0, sizeof block);
    block.kind = STMTLINT_BLOCK_PARAGRAPH;
    block.span.end = bytes.len;
    return out->add_block(out->ctx, block);
}

static uint32_t read_whole(StmtlintBytesRef bytes, const StmtlintDocBuilderV1 *out, const StmtlintErrorSinkV1 *err) {
    return read_file(bytes, out, err, 1);
}

#ifdef OLD_SOURCES
/* StmtlintSourceV1 as ABI 1.0 to 1.4 laid it out. */
typedef struct {
    uint32_t struct_size;
    StmtlintStrRef name;
    StmtlintStrRef extensions;
    uint32_t (*sniff)(StmtlintBytesRef head);
    uint32_t (*read)(StmtlintBytesRef bytes, const StmtlintDocBuilderV1 *out, const StmtlintErrorSinkV1 *err);
} OldSourceV1;

static const OldSourceV1 SOURCES[] = {
    { sizeof(OldSourceV1), STMTLINT_STR("loud"), STMTLINT_STR("loud"), NULL, read_whole },
    { sizeof(OldSourceV1), STMTLINT_STR("quiet"), STMTLINT_STR("quiet"), NULL, read_whole },
};
#else
static uint32_t read_text(StmtlintBytesRef bytes, const StmtlintDocBuilderV1 *out, const StmtlintErrorSinkV1 *err) {
    return read_file(bytes, out, err, 0);
}

static const StmtlintSourceV1 SOURCES[] = {
    { sizeof(StmtlintSourceV1), STMTLINT_STR("loud"), STMTLINT_STR("loud"), NULL, read_whole, read_text },
    { sizeof(StmtlintSourceV1), STMTLINT_STR("quiet"), STMTLINT_STR("quiet"), NULL, read_whole, NULL },
};
#endif

static const StmtlintPluginInfoV1 INFO = {
#ifdef BAD_MAGIC
    .magic = { 'N', 'O', 'P', 'E', 0, 0, 0, 0 },
#else
    .magic = STMTLINT_MAGIC,
#endif
#ifdef ABI_V2
    .abi_major = 2,
#else
    .abi_major = STMTLINT_ABI_MAJOR,
#endif
    .abi_minor = STMTLINT_ABI_MINOR,
    .struct_size = sizeof(StmtlintPluginInfoV1),
#ifdef BAD_UTF8
    .name = { (const uint8_t *)"c-\xff\xfe", 4 },
#else
    .name = STMTLINT_STR("c"),
#endif
    .version = STMTLINT_STR("1.0.0"),
    .built_with = STMTLINT_STR("c"),
    .flags = 0,
#ifdef NULL_RULES
    .rules = NULL,
#else
    .rules = RULES,
#endif
#ifdef HUGE_COUNT
    .n_rules = (size_t)1 << 40,
#else
    .n_rules = sizeof RULES / sizeof RULES[0],
#endif
    .sources = (const StmtlintSourceV1 *)SOURCES,
    .n_sources = sizeof SOURCES / sizeof SOURCES[0],
};

#if defined(ENTRY_V2)
const StmtlintPluginInfoV1 *stmtlint_plugin_entry_v2(const StmtlintHostInfoV1 *host) {
    (void)host;
    return &INFO;
}
#elif !defined(NO_ENTRY)
const StmtlintPluginInfoV1 *stmtlint_plugin_entry_v1(const StmtlintHostInfoV1 *host) {
    (void)host;
    return &INFO;
}
#else
int not_a_plugin(void) { return (int)INFO.n_rules; }
#endif
