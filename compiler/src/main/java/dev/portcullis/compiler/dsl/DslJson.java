package dev.portcullis.compiler.dsl;

import java.util.Iterator;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Writes JSON values on one line, the way the printer embeds them in DSL text. */
final class DslJson {

    private DslJson() {
    }

    static String write(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, out);
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node.isString()) {
            out.append(DslNames.quote(node.stringValue()));
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                write(node.get(i), out);
            }
            out.append(']');
        } else if (node.isObject()) {
            out.append('{');
            Iterator<Map.Entry<String, JsonNode>> members = node.properties().iterator();
            while (members.hasNext()) {
                Map.Entry<String, JsonNode> member = members.next();
                out.append(DslNames.quote(member.getKey())).append(": ");
                write(member.getValue(), out);
                if (members.hasNext()) {
                    out.append(", ");
                }
            }
            out.append('}');
        } else {
            // numbers, booleans and null: Jackson's own JSON text, which reads back to an equal node
            out.append(node.toString());
        }
    }
}
