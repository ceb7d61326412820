package dev.portcullis.compiler.ir;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import dev.portcullis.compiler.source.SourceMap;
import dev.portcullis.compiler.source.SourcePosition;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

/**
 * What the IR builder's parts share: the source map and the diagnostics found so far, plus the small
 * typed reads of tree nodes that report a {@code PC050} instead of throwing when a node has the
 * wrong shape (the tree may not have passed schema validation).
 */
final class BuildContext {

    private static final int SHOWN_VALUE_LENGTH = 60;

    private final SourceMap sourceMap;
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    BuildContext(SourceMap sourceMap) {
        this.sourceMap = sourceMap;
    }

    SourcePosition position(JsonPointer pointer) {
        return sourceMap.positionOf(pointer.toString());
    }

    void report(DiagnosticCode code, JsonPointer pointer, Object... args) {
        diagnostics.add(Diagnostic.of(code, position(pointer), args));
    }

    void malformed(JsonPointer pointer, String message) {
        report(DiagnosticCode.MALFORMED_CANONICAL_ELEMENT, pointer, message);
    }

    List<Diagnostic> diagnostics() {
        return List.copyOf(diagnostics);
    }

    /** A JSON rendering of a node for messages, cut short so a huge value cannot flood the output. */
    static String show(JsonNode node) {
        String text = node == null || node.isMissingNode() ? "nothing" : node.toString();
        return text.length() <= SHOWN_VALUE_LENGTH ? text : text.substring(0, SHOWN_VALUE_LENGTH) + "...";
    }

    boolean isObject(JsonNode node, JsonPointer pointer, String what) {
        if (node.isObject()) {
            return true;
        }
        malformed(pointer, what + " must be an object, got " + show(node));
        return false;
    }

    /** Reports each field not in {@code allowed}: the schema forbids them, and ignoring one could allow a call. */
    void rejectUnknownFields(JsonNode object, JsonPointer pointer, String what, Set<String> allowed) {
        for (String field : object.propertyNames()) {
            if (!allowed.contains(field)) {
                malformed(pointer.appendProperty(field), "unknown field '" + field + "' in " + what);
            }
        }
    }

    /** The string at {@code object.field}; empty (and reported) when present but not a string. */
    Optional<String> optionalString(JsonNode object, String field, JsonPointer pointer) {
        JsonNode node = object.get(field);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isString()) {
            malformed(pointer.appendProperty(field), "'" + field + "' must be a string, got " + show(node));
            return Optional.empty();
        }
        return Optional.of(node.stringValue());
    }

    /** The elements of the array at {@code object.field}: empty when absent, reported when not an array. */
    List<JsonNode> optionalArray(JsonNode object, String field, JsonPointer pointer) {
        JsonNode node = object.get(field);
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            malformed(pointer.appendProperty(field), "'" + field + "' must be an array, got " + show(node));
            return List.of();
        }
        List<JsonNode> elements = new ArrayList<>(node.size());
        node.forEach(elements::add);
        return elements;
    }

    /** The node's value when it is a number with no fractional part that fits a {@code long}. */
    static OptionalLong wholeNumber(JsonNode node) {
        return exactNumber(node).flatMap(BuildContext::longValue).map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    private static Optional<Long> longValue(BigDecimal value) {
        try {
            return Optional.of(value.longValueExact());
        } catch (ArithmeticException notWholeOrTooBig) {
            return Optional.empty();
        }
    }

    /**
     * The exact value of a numeric node. A double is read through its shortest decimal form
     * ({@code 0.1} is one tenth, not the nearest binary fraction), as users wrote it.
     */
    static Optional<BigDecimal> exactNumber(JsonNode node) {
        if (node == null || !node.isNumber()) {
            return Optional.empty();
        }
        if (node.isIntegralNumber()) {
            return Optional.of(new BigDecimal(node.bigIntegerValue()));
        }
        if (node.isBigDecimal()) {
            return Optional.of(node.decimalValue());
        }
        double d = node.doubleValue();
        if (!Double.isFinite(d)) {
            return Optional.empty();
        }
        return Optional.of(node.isFloat() ? new BigDecimal(Float.toString(node.floatValue())) : BigDecimal.valueOf(d));
    }
}
