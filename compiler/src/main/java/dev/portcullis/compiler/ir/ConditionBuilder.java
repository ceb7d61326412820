package dev.portcullis.compiler.ir;

import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

/** Builds conditions and their literals from canonical condition objects. */
final class ConditionBuilder {

    private static final Set<String> COMPARISON_FIELDS = Set.of("path", "op", "value");
    private static final List<String> COMBINATORS = List.of("all", "any", "not");

    private final BuildContext context;

    ConditionBuilder(BuildContext context) {
        this.context = context;
    }

    /** The condition, or empty when it is malformed (already reported). */
    Optional<Condition> condition(JsonNode node, JsonPointer pointer) {
        if (!context.isObject(node, pointer, "a condition")) {
            return Optional.empty();
        }
        for (String combinator : COMBINATORS) {
            if (node.has(combinator)) {
                if (node.size() != 1) {
                    context.malformed(pointer, "a condition with '" + combinator + "' must have no other field");
                    return Optional.empty();
                }
                return combination(combinator, node.get(combinator), pointer);
            }
        }
        return comparison(node, pointer);
    }

    /** The conditions of an array, ANDed; a single condition stands for itself. */
    Optional<Condition> conjunction(List<JsonNode> nodes, JsonPointer arrayPointer) {
        List<Condition> conditions = conditions(nodes, arrayPointer);
        if (conditions.size() != nodes.size()) {
            return Optional.empty();
        }
        return Optional.of(conditions.size() == 1 ? conditions.get(0)
                : new Condition.All(conditions, context.position(arrayPointer)));
    }

    private List<Condition> conditions(List<JsonNode> nodes, JsonPointer arrayPointer) {
        List<Condition> conditions = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            condition(nodes.get(i), arrayPointer.appendIndex(i)).ifPresent(conditions::add);
        }
        return conditions;
    }

    private Optional<Condition> combination(String combinator, JsonNode operand, JsonPointer pointer) {
        JsonPointer operandPointer = pointer.appendProperty(combinator);
        if (combinator.equals("not")) {
            return condition(operand, operandPointer).map(c -> new Condition.Not(c, context.position(pointer)));
        }
        if (!operand.isArray()) {
            context.malformed(operandPointer, "'" + combinator + "' must be an array of conditions, got "
                    + BuildContext.show(operand));
            return Optional.empty();
        }
        List<JsonNode> nodes = new ArrayList<>(operand.size());
        operand.forEach(nodes::add);
        List<Condition> conditions = conditions(nodes, operandPointer);
        if (conditions.size() != nodes.size()) {
            return Optional.empty();
        }
        return Optional.of(combinator.equals("all")
                ? new Condition.All(conditions, context.position(pointer))
                : new Condition.Any(conditions, context.position(pointer)));
    }

    private Optional<Condition> comparison(JsonNode node, JsonPointer pointer) {
        context.rejectUnknownFields(node, pointer, "a condition", COMPARISON_FIELDS);
        for (String field : COMPARISON_FIELDS) {
            if (!node.has(field)) {
                context.malformed(pointer, "a condition needs 'path', 'op' and 'value' (or one of 'all', 'any', "
                        + "'not'); '" + field + "' is missing");
                return Optional.empty();
            }
        }
        Optional<ValuePath> path = context.optionalString(node, "path", pointer).flatMap(text -> {
            Optional<ValuePath> parsed = ValuePath.parse(text);
            if (parsed.isEmpty()) {
                context.report(DiagnosticCode.INVALID_PATH, pointer.appendProperty("path"), Value.quote(text));
            }
            return parsed;
        });
        Optional<Operator> operator = context.optionalString(node, "op", pointer).flatMap(text -> {
            Optional<Operator> parsed = Operator.fromWireName(text);
            if (parsed.isEmpty()) {
                context.malformed(pointer.appendProperty("op"), "unknown operator " + Value.quote(text)
                        + " (use one of eq, neq, in, not_in, lt, lte, gt, gte, regex, contains, exists, "
                        + "starts_with, ends_with)");
            }
            return parsed;
        });
        Optional<Value> value = literal(node.get("value"), pointer.appendProperty("value"));
        if (path.isEmpty() || operator.isEmpty() || value.isEmpty()) {
            return Optional.empty();
        }
        if (!operator.get().accepts(value.get())) {
            context.report(DiagnosticCode.OPERATOR_VALUE_MISMATCH, pointer.appendProperty("value"),
                    operator.get().wireName(), operator.get().operand().description(), value.get().text());
            return Optional.empty();
        }
        return Optional.of(new Condition.Comparison(path.get(), operator.get(), value.get(), context.position(pointer)));
    }

    /** A literal: string, number, boolean, or a list of literals. */
    Optional<Value> literal(JsonNode node, JsonPointer pointer) {
        if (node.isString()) {
            return Optional.of(new Value.StringValue(node.stringValue()));
        }
        if (node.isBoolean()) {
            return Optional.of(new Value.BooleanValue(node.booleanValue()));
        }
        if (node.isNumber()) {
            Optional<Value> number = BuildContext.exactNumber(node).map(Value.NumberValue::new);
            if (number.isEmpty()) {
                context.malformed(pointer, "a number must be finite, got " + BuildContext.show(node));
            }
            return number;
        }
        if (node.isArray()) {
            List<Value> values = new ArrayList<>(node.size());
            for (int i = 0; i < node.size(); i++) {
                literal(node.get(i), pointer.appendIndex(i)).ifPresent(values::add);
            }
            return values.size() == node.size() ? Optional.of(new Value.ListValue(values)) : Optional.empty();
        }
        context.malformed(pointer, "a value must be a string, number, boolean or list, got " + BuildContext.show(node));
        return Optional.empty();
    }
}
