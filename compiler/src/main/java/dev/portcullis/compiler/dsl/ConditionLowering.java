package dev.portcullis.compiler.dsl;

import dev.portcullis.compiler.source.JsonPointers;
import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import dev.portcullis.compiler.dsl.grammar.PolicyParser;
import dev.portcullis.compiler.schema.RegexSyntax;
import dev.portcullis.compiler.source.SourcePosition;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Conditions to canonical condition objects. {@code and}/{@code or} chains become one
 * {@code all}/{@code any} (parentheses keep their grouping), {@code not} becomes {@code not}.
 */
final class ConditionLowering {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Map<Integer, String> OPERATORS = Map.ofEntries(
            Map.entry(PolicyParser.EQ, "eq"), Map.entry(PolicyParser.NEQ, "neq"),
            Map.entry(PolicyParser.LT, "lt"), Map.entry(PolicyParser.LTE, "lte"),
            Map.entry(PolicyParser.GT, "gt"), Map.entry(PolicyParser.GTE, "gte"),
            Map.entry(PolicyParser.MATCHES, "regex"), Map.entry(PolicyParser.STARTS_WITH, "starts_with"),
            Map.entry(PolicyParser.ENDS_WITH, "ends_with"), Map.entry(PolicyParser.CONTAINS, "contains"));

    /** A {@code state.} path, checked once every counter of the policy is known. */
    record StateReference(String path, SourcePosition position) {
    }

    private final LoweringScope scope;
    private final JsonLowering json;
    private final List<StateReference> stateReferences;

    ConditionLowering(LoweringScope scope, JsonLowering json, List<StateReference> stateReferences) {
        this.scope = scope;
        this.json = json;
        this.stateReferences = stateReferences;
    }

    /**
     * A condition that is one item of an AND-ed list ({@code require}, a rule's conditions): an
     * unparenthesised {@code and} splits into several items, appended to {@code list}.
     */
    void lowerInto(ArrayNode list, PolicyParser.ConditionContext condition, String listPointer) {
        List<PolicyParser.ConditionContext> operands = new ArrayList<>();
        if (condition instanceof PolicyParser.AndConditionContext) {
            collect(condition, PolicyParser.AndConditionContext.class, operands);
        } else {
            operands.add(condition);
        }
        for (PolicyParser.ConditionContext operand : operands) {
            list.add(lower(operand, JsonPointers.child(listPointer, list.size())));
        }
    }

    JsonNode lower(PolicyParser.ConditionContext condition, String pointer) {
        scope.mark(pointer, condition);
        if (condition instanceof PolicyParser.ParenConditionContext paren) {
            return lower(paren.condition(), pointer);
        }
        if (condition instanceof PolicyParser.NotConditionContext not) {
            ObjectNode node = NODES.objectNode();
            node.set("not", lower(not.condition(), JsonPointers.child(pointer, "not")));
            return node;
        }
        if (condition instanceof PolicyParser.AndConditionContext) {
            return combination("all", condition, PolicyParser.AndConditionContext.class, pointer);
        }
        if (condition instanceof PolicyParser.OrConditionContext) {
            return combination("any", condition, PolicyParser.OrConditionContext.class, pointer);
        }
        if (condition instanceof PolicyParser.JsonConditionContext object) {
            return json.object(object.jsonObject(), pointer);
        }
        return test((PolicyParser.PathConditionContext) condition, pointer);
    }

    private JsonNode combination(String field, PolicyParser.ConditionContext chain,
            Class<? extends PolicyParser.ConditionContext> kind, String pointer) {
        List<PolicyParser.ConditionContext> operands = new ArrayList<>();
        collect(chain, kind, operands);
        String arrayPointer = JsonPointers.child(pointer, field);
        ArrayNode array = NODES.arrayNode();
        for (PolicyParser.ConditionContext operand : operands) {
            array.add(lower(operand, JsonPointers.child(arrayPointer, array.size())));
        }
        ObjectNode node = NODES.objectNode();
        node.set(field, array);
        return node;
    }

    /**
     * The operands of a chain {@code a and b and c}, in order. The parser builds the chain as a
     * left-leaning tree as deep as the chain is long, so it is walked with a loop, not recursion.
     */
    private static void collect(PolicyParser.ConditionContext chain,
            Class<? extends PolicyParser.ConditionContext> kind, List<PolicyParser.ConditionContext> operands) {
        Deque<PolicyParser.ConditionContext> rightOperands = new ArrayDeque<>();
        PolicyParser.ConditionContext current = chain;
        while (kind.isInstance(current)) {
            rightOperands.push(current.getRuleContext(PolicyParser.ConditionContext.class, 1));
            current = current.getRuleContext(PolicyParser.ConditionContext.class, 0);
        }
        operands.add(current);
        while (!rightOperands.isEmpty()) {
            operands.add(rightOperands.pop());
        }
    }

    private JsonNode test(PolicyParser.PathConditionContext condition, String pointer) {
        ObjectNode node = NODES.objectNode();
        node.put("path", path(condition.path()));
        scope.mark(JsonPointers.child(pointer, "path"), condition.path());
        PolicyParser.TestContext test = condition.test();
        String valuePointer = JsonPointers.child(pointer, "value");
        if (test instanceof PolicyParser.ComparisonContext comparison) {
            node.put("op", OPERATORS.get(comparison.op.getType()));
            node.set("value", json.value(comparison.jsonValue(), valuePointer));
        } else if (test instanceof PolicyParser.MembershipContext membership) {
            node.put("op", membership.NOT() != null ? "not_in" : "in");
            node.set("value", json.value(membership.jsonValue(), valuePointer));
        } else if (test instanceof PolicyParser.TextTestContext text) {
            String op = OPERATORS.get(text.op.getType());
            node.put("op", op);
            JsonNode value = json.value(text.jsonValue(), valuePointer);
            if (op.equals("regex") && value.isString()) {
                checkRegex(value.stringValue(), scope.at(text.jsonValue()));
            }
            node.set("value", value);
        } else {
            PolicyParser.ExistenceContext existence = (PolicyParser.ExistenceContext) test;
            node.put("op", "exists");
            node.put("value", existence.NOT() == null);
        }
        return node;
    }

    /** {@code args.a."b c"} to {@code "args.a.b c"}; a {@code state.} path is remembered for checking. */
    String path(PolicyParser.PathContext path) {
        return path(path.head, path.segment(), path);
    }

    String path(PolicyParser.ArgsPathContext path) {
        return path(path.head, path.segment(), path);
    }

    private String path(Token head, List<PolicyParser.SegmentContext> segments, ParserRuleContext path) {
        StringBuilder text = new StringBuilder(head.getText());
        for (PolicyParser.SegmentContext segment : segments) {
            String value = segment.STRING() != null ? scope.string(segment.STRING()) : segment.getText();
            if (segment.STRING() != null && value.indexOf('.') >= 0) {
                scope.error(DiagnosticCode.DSL_INVALID_PATH_SEGMENT, scope.at(segment), value);
            }
            text.append('.').append(value);
        }
        if (head.getType() == PolicyParser.STATE) {
            stateReferences.add(new StateReference(text.toString(), scope.at(path)));
        }
        return text.toString();
    }

    private void checkRegex(String regex, SourcePosition position) {
        RegexSyntax.problemWith(regex).ifPresent(problem ->
                scope.error(DiagnosticCode.INVALID_REGEX, position, regex, problem));
    }
}
