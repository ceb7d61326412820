package dev.portcullis.compiler.dsl;

import java.math.BigInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Number nodes of exactly the type Jackson's default JSON reader makes for the same text, so a DSL
 * document and its JSON twin lower to equal trees (Jackson's numeric nodes compare by type).
 */
final class JsonNumbers {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonNumbers() {
    }

    /** The node for a JSON number literal (the lexer guarantees JSON's number syntax). */
    static JsonNode fromLiteral(String text) {
        boolean integral = text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0;
        if (integral) {
            return integer(new BigInteger(text));
        }
        return NODES.numberNode(Double.parseDouble(text));
    }

    /** int when it fits, then long, then BigInteger: Jackson's choice for integer literals. */
    static JsonNode integer(BigInteger value) {
        if (value.bitLength() < 32) {
            return NODES.numberNode(value.intValue());
        }
        if (value.bitLength() < 64) {
            return NODES.numberNode(value.longValue());
        }
        return NODES.numberNode(value);
    }

    static JsonNode integer(long value) {
        return integer(BigInteger.valueOf(value));
    }
}
