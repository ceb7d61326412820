package dev.portcullis.compiler.dsl;

import java.util.Comparator;
import tools.jackson.databind.JsonNode;

/**
 * Equality of canonical trees as JSON sees it: one number type, so {@code 5} held in an int node
 * equals {@code 5} held in a long node (front ends that build nodes in code may pick either).
 */
final class JsonEquality {

    private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> {
        if (a.equals(b)) {
            return 0;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return 1;
    };

    private JsonEquality() {
    }

    static boolean equal(JsonNode a, JsonNode b) {
        return a.equals(NUMBERS_BY_VALUE, b);
    }
}
