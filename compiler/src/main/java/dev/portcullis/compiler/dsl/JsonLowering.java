package dev.portcullis.compiler.dsl;

import dev.portcullis.compiler.source.JsonPointers;
import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import dev.portcullis.compiler.dsl.grammar.PolicyParser;
import dev.portcullis.compiler.source.SourcePosition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON written inside a policy (a whole document, or a value, condition, limit, rule or entry) to
 * the same tree Jackson would read, recording the position of every member. Duplicate keys are an
 * error: in a policy, "the last one wins" silently drops a rule.
 */
final class JsonLowering {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final LoweringScope scope;

    JsonLowering(LoweringScope scope) {
        this.scope = scope;
    }

    JsonNode value(PolicyParser.JsonValueContext value, String pointer) {
        scope.mark(pointer, value);
        if (value.jsonObject() != null) {
            return object(value.jsonObject(), pointer);
        }
        if (value.jsonArray() != null) {
            ArrayNode array = NODES.arrayNode();
            int index = 0;
            for (PolicyParser.JsonValueContext element : value.jsonArray().jsonValue()) {
                array.add(value(element, JsonPointers.child(pointer, index++)));
            }
            return array;
        }
        if (value.STRING() != null) {
            return NODES.stringNode(scope.string(value.STRING()));
        }
        if (value.NUMBER() != null) {
            JsonNode number = JsonNumbers.fromLiteral(value.NUMBER().getText());
            if (number.isDouble() && !Double.isFinite(number.doubleValue())) {
                scope.error(DiagnosticCode.INPUT_LIMIT_EXCEEDED, scope.at(value),
                        "number " + value.getText() + " is not a finite number");
            }
            return number;
        }
        if (value.TRUE() != null) {
            return NODES.booleanNode(true);
        }
        if (value.FALSE() != null) {
            return NODES.booleanNode(false);
        }
        return NODES.nullNode();
    }

    ObjectNode object(PolicyParser.JsonObjectContext object, String pointer) {
        scope.mark(pointer, object);
        return members(object.jsonMember(), pointer);
    }

    /** The object made of {@code members} (the braces around them belong to the caller's syntax). */
    ObjectNode members(List<PolicyParser.JsonMemberContext> members, String pointer) {
        ObjectNode node = NODES.objectNode();
        Map<String, SourcePosition> seen = new HashMap<>();
        for (PolicyParser.JsonMemberContext member : members) {
            String key = scope.string(member.STRING());
            SourcePosition at = scope.at(member.STRING());
            SourcePosition first = seen.putIfAbsent(key, at);
            if (first != null) {
                scope.error(DiagnosticCode.DUPLICATE_KEY, at, key, first.line());
                continue;
            }
            String child = JsonPointers.child(pointer, key);
            node.set(key, value(member.jsonValue(), child));
            // as the JSON front end does: a member is where its key is
            scope.mark(child, member);
        }
        return node;
    }
}
