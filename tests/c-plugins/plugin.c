/*
 * A stmtlint rule plugin in C, and, with -D flags, every way a plugin can be
 * malformed. Built by crates/stmtlint_plugin_host/tests/c_plugins.rs:
 *
 *   cc -shared -fPIC -I include -o libc_shout.so tests/c-plugins/plugin.c
 *   cc ... -DBAD_MAGIC, -DABI_V2, -DNULL_RULES, -DHUGE_COUNT, -DBAD_UTF8,
 *          -DDUPLICATE_RULE, -DREJECT_OPTIONS, -DBAD_SPAN, -DENTRY_V2, -DNO_ENTRY
 *
 * The rule `shout` flags `!!!` in a document.
 */
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
    .sources = NULL,
    .n_sources = 0,
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
