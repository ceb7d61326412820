package dev.portcullis.compiler.frontend;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import dev.portcullis.compiler.schema.PolicySchemas;
import dev.portcullis.compiler.schema.RegexSyntax;
import dev.portcullis.compiler.schema.SchemaDiagnostics;
import dev.portcullis.compiler.source.JsonPointers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import tools.jackson.databind.JsonNode;

/**
 * Validates a canonical document against {@code policy-1.schema.json} (unknown fields, types, enum
 * values, required fields, formats, with "did you mean" for near misses), plus the one value rule a
 * JSON Schema cannot state: every {@code regex} condition must compile under RE2J. Reports every
 * violation of the document, each at its position in the user's file.
 */
public final class CanonicalSchemaValidator {

    private final SchemaDiagnostics schema;

    public CanonicalSchemaValidator() {
        this.schema = PolicySchemas.canonical();
    }

    /** Every violation in {@code doc}, in file order; empty when the document is valid. */
    public List<Diagnostic> validate(CanonicalDocument doc) {
        List<Diagnostic> diagnostics = new ArrayList<>(schema.validate(doc.tree(), doc.sourceMap()));
        forEachEntry(doc.tree(), (pointer, entry) -> checkEntryRegexes(doc, pointer, entry, diagnostics));
        return diagnostics;
    }

    private static void forEachEntry(JsonNode tree, BiConsumer<String, JsonNode> action) {
        if (tree.path("all_tools").isObject()) {
            action.accept("/all_tools", tree.get("all_tools"));
        }
        JsonNode tools = tree.path("tools");
        if (tools.isObject()) {
            for (Map.Entry<String, JsonNode> tool : tools.properties()) {
                if (tool.getValue().isObject()) {
                    action.accept(JsonPointers.child("/tools", tool.getKey()), tool.getValue());
                }
            }
        }
    }

    private static void checkEntryRegexes(CanonicalDocument doc, String pointer, JsonNode entry, List<Diagnostic> out) {
        for (String list : List.of("require", "deny_if")) {
            checkConditions(doc, JsonPointers.child(pointer, list), entry.path(list), out);
        }
        JsonNode rules = entry.path("rules");
        if (!rules.isArray()) {
            return; // the schema reports the wrong type; an object's size is not a count of rules
        }
        for (int i = 0; i < rules.size(); i++) {
            String rule = JsonPointers.child(JsonPointers.child(pointer, "rules"), i);
            checkConditions(doc, JsonPointers.child(rule, "conditions"), rules.get(i).path("conditions"), out);
        }
    }

    private static void checkConditions(CanonicalDocument doc, String pointer, JsonNode conditions, List<Diagnostic> out) {
        if (!conditions.isArray()) {
            return;
        }
        for (int i = 0; i < conditions.size(); i++) {
            checkCondition(doc, JsonPointers.child(pointer, i), conditions.get(i), out);
        }
    }

    private static void checkCondition(CanonicalDocument doc, String pointer, JsonNode condition, List<Diagnostic> out) {
        if (!condition.isObject()) {
            return;
        }
        checkConditions(doc, JsonPointers.child(pointer, "all"), condition.path("all"), out);
        checkConditions(doc, JsonPointers.child(pointer, "any"), condition.path("any"), out);
        if (condition.has("not")) {
            checkCondition(doc, JsonPointers.child(pointer, "not"), condition.get("not"), out);
        }
        JsonNode value = condition.path("value");
        if ("regex".equals(condition.path("op").asString(null)) && value.isString()) {
            RegexSyntax.problemWith(value.asString()).ifPresent(problem -> out.add(Diagnostic.of(
                    DiagnosticCode.INVALID_REGEX, doc.sourceMap().positionOf(JsonPointers.child(pointer, "value")),
                    value.asString(), problem)));
        }
    }
}
