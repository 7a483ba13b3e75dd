/* Prints the size of every ABI struct and the offset of every field, one per line,
 * for comparison with the Rust definitions (crates/stmtlint_plugin_abi/tests/layout.rs). */
#include <stddef.h>
#include <stdio.h>

#include "stmtlint_plugin.h"

#define SIZE(T, name) printf("%s size %zu\n", name, sizeof(T))
#define FIELD(T, name, f) printf("%s.%s %zu\n", name, #f, offsetof(T, f))

int main(void) {
    SIZE(StmtlintStrRef, "StrRef"); FIELD(StmtlintStrRef, "StrRef", ptr); FIELD(StmtlintStrRef, "StrRef", len);
    SIZE(StmtlintSpanV1, "SpanV1"); FIELD(StmtlintSpanV1, "SpanV1", start); FIELD(StmtlintSpanV1, "SpanV1", end);
    SIZE(StmtlintBlockV1, "BlockV1"); FIELD(StmtlintBlockV1, "BlockV1", kind); FIELD(StmtlintBlockV1, "BlockV1", level); FIELD(StmtlintBlockV1, "BlockV1", span);
    SIZE(StmtlintAnchorV1, "AnchorV1"); FIELD(StmtlintAnchorV1, "AnchorV1", offset); FIELD(StmtlintAnchorV1, "AnchorV1", page); FIELD(StmtlintAnchorV1, "AnchorV1", line); FIELD(StmtlintAnchorV1, "AnchorV1", column);
    SIZE(StmtlintDateV1, "DateV1"); FIELD(StmtlintDateV1, "DateV1", year); FIELD(StmtlintDateV1, "DateV1", month); FIELD(StmtlintDateV1, "DateV1", day);
    SIZE(StmtlintMetadataV1, "MetadataV1"); FIELD(StmtlintMetadataV1, "MetadataV1", struct_size); FIELD(StmtlintMetadataV1, "MetadataV1", title); FIELD(StmtlintMetadataV1, "MetadataV1", date); FIELD(StmtlintMetadataV1, "MetadataV1", place); FIELD(StmtlintMetadataV1, "MetadataV1", issuer); FIELD(StmtlintMetadataV1, "MetadataV1", series); FIELD(StmtlintMetadataV1, "MetadataV1", ordinal); FIELD(StmtlintMetadataV1, "MetadataV1", parties); FIELD(StmtlintMetadataV1, "MetadataV1", n_parties); FIELD(StmtlintMetadataV1, "MetadataV1", date_source); FIELD(StmtlintMetadataV1, "MetadataV1", fragment);
    SIZE(StmtlintDocumentV1, "DocumentV1"); FIELD(StmtlintDocumentV1, "DocumentV1", struct_size); FIELD(StmtlintDocumentV1, "DocumentV1", doc_id); FIELD(StmtlintDocumentV1, "DocumentV1", path); FIELD(StmtlintDocumentV1, "DocumentV1", format); FIELD(StmtlintDocumentV1, "DocumentV1", text); FIELD(StmtlintDocumentV1, "DocumentV1", blocks); FIELD(StmtlintDocumentV1, "DocumentV1", n_blocks); FIELD(StmtlintDocumentV1, "DocumentV1", metadata); FIELD(StmtlintDocumentV1, "DocumentV1", anchors); FIELD(StmtlintDocumentV1, "DocumentV1", n_anchors);
    SIZE(StmtlintLabelV1, "LabelV1"); FIELD(StmtlintLabelV1, "LabelV1", span); FIELD(StmtlintLabelV1, "LabelV1", message);
    SIZE(StmtlintEditV1, "EditV1"); FIELD(StmtlintEditV1, "EditV1", span); FIELD(StmtlintEditV1, "EditV1", replacement);
    SIZE(StmtlintFindingV1, "FindingV1"); FIELD(StmtlintFindingV1, "FindingV1", struct_size); FIELD(StmtlintFindingV1, "FindingV1", doc_id); FIELD(StmtlintFindingV1, "FindingV1", span); FIELD(StmtlintFindingV1, "FindingV1", message); FIELD(StmtlintFindingV1, "FindingV1", help); FIELD(StmtlintFindingV1, "FindingV1", labels); FIELD(StmtlintFindingV1, "FindingV1", n_labels); FIELD(StmtlintFindingV1, "FindingV1", fix_message); FIELD(StmtlintFindingV1, "FindingV1", fix_applicability); FIELD(StmtlintFindingV1, "FindingV1", edits); FIELD(StmtlintFindingV1, "FindingV1", n_edits); FIELD(StmtlintFindingV1, "FindingV1", severity);
    SIZE(StmtlintFindingSinkV1, "FindingSinkV1"); FIELD(StmtlintFindingSinkV1, "FindingSinkV1", ctx); FIELD(StmtlintFindingSinkV1, "FindingSinkV1", emit);
    SIZE(StmtlintErrorSinkV1, "ErrorSinkV1"); FIELD(StmtlintErrorSinkV1, "ErrorSinkV1", ctx); FIELD(StmtlintErrorSinkV1, "ErrorSinkV1", set);
    SIZE(StmtlintFactsSinkV1, "FactsSinkV1"); FIELD(StmtlintFactsSinkV1, "FactsSinkV1", ctx); FIELD(StmtlintFactsSinkV1, "FactsSinkV1", set);
    SIZE(StmtlintDocFactsV1, "DocFactsV1"); FIELD(StmtlintDocFactsV1, "DocFactsV1", doc_id); FIELD(StmtlintDocFactsV1, "DocFactsV1", path); FIELD(StmtlintDocFactsV1, "DocFactsV1", facts_json);
    SIZE(StmtlintDocBuilderV1, "DocBuilderV1"); FIELD(StmtlintDocBuilderV1, "DocBuilderV1", ctx); FIELD(StmtlintDocBuilderV1, "DocBuilderV1", set_text); FIELD(StmtlintDocBuilderV1, "DocBuilderV1", add_block); FIELD(StmtlintDocBuilderV1, "DocBuilderV1", set_metadata); FIELD(StmtlintDocBuilderV1, "DocBuilderV1", add_anchor); FIELD(StmtlintDocBuilderV1, "DocBuilderV1", add_note);
    SIZE(StmtlintRuleV1, "RuleV1"); FIELD(StmtlintRuleV1, "RuleV1", struct_size); FIELD(StmtlintRuleV1, "RuleV1", id); FIELD(StmtlintRuleV1, "RuleV1", summary); FIELD(StmtlintRuleV1, "RuleV1", docs); FIELD(StmtlintRuleV1, "RuleV1", default_severity); FIELD(StmtlintRuleV1, "RuleV1", create); FIELD(StmtlintRuleV1, "RuleV1", check); FIELD(StmtlintRuleV1, "RuleV1", collect); FIELD(StmtlintRuleV1, "RuleV1", finish); FIELD(StmtlintRuleV1, "RuleV1", destroy); FIELD(StmtlintRuleV1, "RuleV1", finish_in_run); FIELD(StmtlintRuleV1, "RuleV1", finish_reading);
    SIZE(StmtlintFactsReaderV1, "FactsReaderV1"); FIELD(StmtlintFactsReaderV1, "FactsReaderV1", ctx); FIELD(StmtlintFactsReaderV1, "FactsReaderV1", count); FIELD(StmtlintFactsReaderV1, "FactsReaderV1", next);
    SIZE(StmtlintRunContextV1, "RunContextV1"); FIELD(StmtlintRunContextV1, "RunContextV1", struct_size); FIELD(StmtlintRunContextV1, "RunContextV1", as_of);
    SIZE(StmtlintSourceV1, "SourceV1"); FIELD(StmtlintSourceV1, "SourceV1", struct_size); FIELD(StmtlintSourceV1, "SourceV1", name); FIELD(StmtlintSourceV1, "SourceV1", extensions); FIELD(StmtlintSourceV1, "SourceV1", sniff); FIELD(StmtlintSourceV1, "SourceV1", read); FIELD(StmtlintSourceV1, "SourceV1", read_for_positions);
    SIZE(StmtlintHostInfoV1, "HostInfoV1"); FIELD(StmtlintHostInfoV1, "HostInfoV1", struct_size); FIELD(StmtlintHostInfoV1, "HostInfoV1", abi_major); FIELD(StmtlintHostInfoV1, "HostInfoV1", abi_minor); FIELD(StmtlintHostInfoV1, "HostInfoV1", host_version);
    SIZE(StmtlintPluginInfoV1, "PluginInfoV1"); FIELD(StmtlintPluginInfoV1, "PluginInfoV1", magic); FIELD(StmtlintPluginInfoV1, "PluginInfoV1", abi_major); FIELD(StmtlintPluginInfoV1, "PluginInfoV1", abi_minor); FIELD(StmtlintPluginInfoV1, "PluginInfoV1", struct_size); FIELD(StmtlintPluginInfoV1, "PluginInfoV1", name); FIELD(StmtlintPluginInfoV1, "PluginInfoV1", version); FIELD(StmtlintPluginInfoV1, "PluginInfoV1", built_with); FIELD(StmtlintPluginInfoV1, "PluginInfoV1", flags); FIELD(StmtlintPluginInfoV1, "PluginInfoV1", rules); FIELD(StmtlintPluginInfoV1, "PluginInfoV1", n_rules); FIELD(StmtlintPluginInfoV1, "PluginInfoV1", sources); FIELD(StmtlintPluginInfoV1, "PluginInfoV1", n_sources);
    return 0;
}
