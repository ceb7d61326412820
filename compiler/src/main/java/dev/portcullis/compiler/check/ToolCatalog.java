package dev.portcullis.compiler.check;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * The tools an MCP server offers, from its {@code tools/list} result: names and argument schemas.
 *
 * @param tools argument schema by tool name, sorted
 */
public record ToolCatalog(Map<String, ArgumentSchema> tools) {

    private static final List<String> UNREADABLE_SCHEMA_KEYWORDS =
            List.of("$ref", "anyOf", "oneOf", "allOf", "not", "if", "patternProperties", "dependentSchemas");

    public ToolCatalog {
        tools = Collections.unmodifiableMap(new TreeMap<>(tools));
    }

    /**
     * Reads a {@code tools/list} result: the whole JSON-RPC response ({@code {"result": {"tools": [...]}}}),
     * its result ({@code {"tools": [...]}}), or the array of tools.
     *
     * @throws IllegalArgumentException with a message naming what is wrong, when it is none of these
     */
    public static ToolCatalog fromToolsList(JsonNode toolsList) {
        JsonNode tools = toolsList;
        if (tools.isObject() && tools.has("result")) {
            tools = tools.get("result");
        }
        if (tools.isObject() && tools.has("tools")) {
            tools = tools.get("tools");
        }
        if (!tools.isArray()) {
            throw new IllegalArgumentException("expected a tools/list result: {\"tools\": [...]}, the JSON-RPC response "
                    + "holding it, or an array of tools");
        }
        Map<String, ArgumentSchema> schemas = new LinkedHashMap<>();
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            JsonNode name = tool.get("name");
            if (name == null || !name.isString() || name.stringValue().isEmpty()) {
                throw new IllegalArgumentException("tool " + i + " of the tools list has no name");
            }
            JsonNode schema = tool.get("inputSchema");
            schemas.put(name.stringValue(), schema == null ? ArgumentSchema.OPEN : schemaOf(schema));
        }
        return new ToolCatalog(schemas);
    }

    /** Reduces a JSON Schema; whatever it cannot read with certainty allows any argument. */
    static ArgumentSchema schemaOf(JsonNode schema) {
        if (!schema.isObject()) {
            return ArgumentSchema.OPEN;
        }
        for (String keyword : UNREADABLE_SCHEMA_KEYWORDS) {
            if (schema.has(keyword)) {
                return ArgumentSchema.OPEN;
            }
        }
        JsonNode properties = schema.get("properties");
        if (properties != null && properties.isObject()) {
            Map<String, ArgumentSchema> members = new LinkedHashMap<>();
            properties.forEachEntry((name, member) -> members.put(name, schemaOf(member)));
            JsonNode additional = schema.get("additionalProperties");
            boolean othersAllowed = additional != null && !(additional.isBoolean() && !additional.booleanValue());
            return new ArgumentSchema(members, !othersAllowed);
        }
        JsonNode type = schema.get("type");
        if (type != null && type.isString() && !type.stringValue().equals("object")) {
            return new ArgumentSchema(Map.of(), true);
        }
        return ArgumentSchema.OPEN;
    }

    public Set<String> names() {
        return tools.keySet();
    }

    public boolean contains(String tool) {
        return tools.containsKey(tool);
    }

    public Optional<ArgumentSchema> schemaOf(String tool) {
        return Optional.ofNullable(tools.get(tool));
    }
}
