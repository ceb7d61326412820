package dev.portcullis.compiler.dsl;

import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Conditions in DSL form: {@code args.env in ["prod", "staging"] and not args.force exists}. The
 * printer uses it, and so does the lowering, to name the rule a {@code require ... else "..."}
 * statement becomes. A condition the DSL cannot say exactly is written as its JSON object.
 */
final class ConditionPrinter {

    /** Where a condition is printed, which decides whether a combination needs parentheses. */
    enum Place {
        /** Alone: nothing around it. */
        TOP,
        /** An operand of {@code and}/{@code or}, or one item of a condition list. */
        OPERAND,
        /** After {@code not}. */
        NEGATED
    }

    static final Map<String, String> OPERATORS = Map.ofEntries(
            Map.entry("eq", "=="), Map.entry("neq", "!="), Map.entry("lt", "<"), Map.entry("lte", "<="),
            Map.entry("gt", ">"), Map.entry("gte", ">="), Map.entry("in", "in"), Map.entry("not_in", "not in"),
            Map.entry("regex", "matches"), Map.entry("starts_with", "startsWith"),
            Map.entry("ends_with", "endsWith"), Map.entry("contains", "contains"));

    private static final Set<String> COMPARISON_FIELDS = Set.of("path", "op", "value");

    private ConditionPrinter() {
    }

    /**
     * A list of conditions that all must hold, as one {@code and} chain: the form that lowers back to
     * the same list (an unparenthesised {@code and} splits into list items, a parenthesised one stays
     * one {@code all} item).
     */
    static String conjunction(List<JsonNode> conditions) {
        if (conditions.size() == 1 && !isCombination(conditions.get(0), "all")) {
            return print(conditions.get(0), Place.TOP);
        }
        StringBuilder out = new StringBuilder();
        for (JsonNode condition : conditions) {
            if (out.length() > 0) {
                out.append(" and ");
            }
            out.append(print(condition, Place.OPERAND));
        }
        return out.toString();
    }

    static String print(JsonNode condition, Place place) {
        if (isCombination(condition, "all") || isCombination(condition, "any")) {
            String operator = condition.has("all") ? " and " : " or ";
            JsonNode operands = condition.has("all") ? condition.get("all") : condition.get("any");
            StringBuilder out = new StringBuilder();
            for (JsonNode operand : operands) {
                if (out.length() > 0) {
                    out.append(operator);
                }
                out.append(print(operand, Place.OPERAND));
            }
            return place == Place.TOP ? out.toString() : "(" + out + ")";
        }
        if (isNegation(condition)) {
            return "not " + print(condition.get("not"), Place.NEGATED);
        }
        String comparison = comparison(condition);
        return comparison != null ? comparison : DslJson.write(condition);
    }

    /** {@code {"all": [a, b, ...]}} with two or more operands: the only shape {@code and} lowers to. */
    static boolean isCombination(JsonNode condition, String field) {
        return condition.isObject() && condition.size() == 1 && condition.path(field).isArray()
                && condition.get(field).size() >= 2 && allObjects(condition.get(field));
    }

    private static boolean isNegation(JsonNode condition) {
        return condition.isObject() && condition.size() == 1 && condition.path("not").isObject();
    }

    private static boolean allObjects(JsonNode array) {
        for (JsonNode element : array) {
            if (!element.isObject()) {
                return false;
            }
        }
        return true;
    }

    private static String comparison(JsonNode condition) {
        if (!condition.isObject() || !COMPARISON_FIELDS.containsAll(condition.propertyNames())) {
            return null;
        }
        String path = path(condition.path("path"));
        JsonNode op = condition.path("op");
        JsonNode value = condition.get("value");
        if (path == null || !op.isString()) {
            return null;
        }
        if (op.stringValue().equals("exists")) {
            if (value == null || !value.isBoolean()) {
                return null;
            }
            return path + (value.booleanValue() ? " exists" : " not exists");
        }
        String operator = OPERATORS.get(op.stringValue());
        if (operator == null || value == null) {
            return null;
        }
        return path + " " + operator + " " + DslJson.write(value);
    }

    /** {@code args.a."b c".d}, or null when the string is not an {@code args.}/{@code state.} path. */
    static String path(JsonNode path) {
        if (!path.isString()) {
            return null;
        }
        String text = path.stringValue();
        int dot = text.indexOf('.');
        if (dot < 0) {
            return null;
        }
        String head = text.substring(0, dot);
        if (!head.equals("args") && !head.equals("state")) {
            return null;
        }
        StringBuilder out = new StringBuilder(head);
        for (String segment : text.substring(dot + 1).split("\\.", -1)) {
            out.append('.').append(DslNames.pathSegment(segment));
        }
        return out.toString();
    }
}
