package dev.portcullis.compiler.frontend;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import dev.portcullis.compiler.diagnostic.Suggestions;
import dev.portcullis.compiler.schema.SchemaDiagnostics;
import dev.portcullis.compiler.source.JsonPointers;
import dev.portcullis.compiler.source.ReadLimits;
import dev.portcullis.compiler.source.SourceMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads PolicyLayer JSON policies ({@code *.json}). The documented PolicyLayer format is already
 * canonical; this front end parses it with positions and lowers the shorthand users write from
 * PolicyLayer's FAQ: {@code "rate_limit": {"max": 10, "window": 60}} on an entry becomes a
 * grant-scoped limit named {@code <tool>.rate_limit} ({@code _all_tools.rate_limit} under
 * {@code all_tools}) appended to the entry's {@code limits}. ({@code "action"} with
 * {@code "reason"}, the FAQ's other form, is canonical as written.)
 */
public final class PolicyLayerJsonFrontEnd implements PolicyFrontEnd {

    private static final List<String> RATE_LIMIT_FIELDS = List.of("max", "window");

    private final PositionedTreeReader reader;

    public PolicyLayerJsonFrontEnd() {
        this(ReadLimits.defaults());
    }

    public PolicyLayerJsonFrontEnd(ReadLimits limits) {
        this.reader = new PositionedTreeReader(limits);
    }

    @Override
    public FrontEndResult read(String displayName, byte[] content) {
        PositionedTreeReader.Reading reading = reader.read(displayName, content, PositionedTreeReader.Syntax.JSON);
        if (reading.root().isEmpty()) {
            return FrontEndResult.failed(reading.diagnostics());
        }
        ObjectNode root = reading.root().get();
        SourceMap positions = reading.positions();
        List<Diagnostic> diagnostics = new ArrayList<>(reading.diagnostics());
        if (root.path("all_tools").isObject()) {
            lowerRateLimit((ObjectNode) root.get("all_tools"), "/all_tools", "_all_tools", positions, diagnostics);
        }
        if (root.path("tools").isObject()) {
            for (Map.Entry<String, JsonNode> tool : root.get("tools").properties()) {
                if (tool.getValue().isObject()) {
                    lowerRateLimit((ObjectNode) tool.getValue(), JsonPointers.child("/tools", tool.getKey()),
                            tool.getKey(), positions, diagnostics);
                }
            }
        }
        return FrontEndResult.of(new CanonicalDocument(displayName, "json", root, positions), diagnostics);
    }

    private static void lowerRateLimit(ObjectNode entry, String entryPointer, String owner, SourceMap positions,
            List<Diagnostic> diagnostics) {
        JsonNode shorthand = entry.remove("rate_limit");
        if (shorthand == null) {
            return;
        }
        String shorthandPointer = JsonPointers.child(entryPointer, "rate_limit");
        String subject = JsonPointers.toDisplayPath(shorthandPointer);
        if (!shorthand.isObject()) {
            diagnostics.add(Diagnostic.of(DiagnosticCode.WRONG_TYPE, positions.positionOf(shorthandPointer), subject,
                    "an object such as {\"max\": 10, \"window\": 60}", SchemaDiagnostics.describe(shorthand)));
            return;
        }
        for (String field : shorthand.propertyNames()) {
            if (!RATE_LIMIT_FIELDS.contains(field)) {
                diagnostics.add(Diagnostic.of(DiagnosticCode.UNKNOWN_FIELD,
                        positions.positionOf(JsonPointers.child(shorthandPointer, field)), field, subject,
                        Suggestions.didYouMean(field, RATE_LIMIT_FIELDS)));
            }
        }
        for (String required : RATE_LIMIT_FIELDS) {
            if (!shorthand.has(required)) {
                diagnostics.add(Diagnostic.of(DiagnosticCode.MISSING_FIELD, positions.positionOf(shorthandPointer),
                        subject, required));
            }
        }
        JsonNode existing = entry.get("limits");
        if (existing != null && !existing.isArray()) {
            return; // the schema reports limits' type; a limit appended to a non-list would hide that
        }
        ArrayNode limits = existing == null ? entry.putArray("limits") : (ArrayNode) existing;
        String limitPointer = JsonPointers.child(JsonPointers.child(entryPointer, "limits"), limits.size());
        ObjectNode limit = limits.addObject();
        limit.put("counter", owner + ".rate_limit");
        positions.put(limitPointer, positions.positionOf(shorthandPointer));
        for (String field : RATE_LIMIT_FIELDS) {
            if (shorthand.has(field)) {
                limit.set(field, shorthand.get(field));
                positions.put(JsonPointers.child(limitPointer, field),
                        positions.positionOf(JsonPointers.child(shorthandPointer, field)));
            }
        }
        limit.put("scope", "grant");
        if (existing == null) {
            positions.put(JsonPointers.child(entryPointer, "limits"), positions.positionOf(shorthandPointer));
        }
    }
}
