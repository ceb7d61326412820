package dev.portcullis.compiler.generators;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Random valid policies covering every construct: canonical JSON (default posture, hide, declared and
 * inline counters of every algorithm, scope, window, {@code per}, {@code increment} and
 * {@code increment_from}, exact and glob entries, {@code all_tools}, entry actions, {@code require},
 * {@code deny_if}, ordered rules, every operator, {@code all}/{@code any}/{@code not}, {@code state.}
 * paths) and Intercept YAML (ordered rules of every action, conditions, {@code on_deny},
 * {@code rate_limit}, the {@code "*"} tool). Names and values come from small pools so that calls
 * from {@link RandomCalls} often hit them.
 */
public final class RandomPolicies {

    /** Tool names policies use and calls aim at; some only match globs, some match nothing. */
    public static final List<String> TOOLS = List.of("read", "write", "delete", "list_a", "list_b", "get_x", "other");
    private static final List<String> ENTRY_KEYS = List.of("read", "write", "delete", "list_a", "list_*", "get_*", "*_x", "*");
    private static final List<String> ARG_PATHS = List.of("args.a", "args.b", "args.n", "args.k", "args.o.p");
    private static final List<String> STRINGS = List.of("a", "ab", "b", "", "5", "5.0", "true", "s3://x/", "x/y");
    private static final List<String> REGEXES = List.of("^a", "b+", "[0-9]", "x|y", "^$", ".*", "^s3://");
    private static final List<String> OPERATORS = List.of("eq", "neq", "in", "not_in", "lt", "lte", "gt", "gte", "regex",
            "contains", "exists", "starts_with", "ends_with");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RandomPolicies() {
    }

    /** A canonical (PolicyLayer) JSON policy, valid against the canonical schema. */
    public static PolicySample canonical(Random random) {
        return new CanonicalWriter(random, false).write();
    }

    /**
     * A canonical tree whose rules may also read {@code state.} paths: valid IR (as the DSL and Intercept
     * front ends produce it) but outside the canonical schema, so build it with {@code IrBuilder} directly.
     */
    public static PolicySample canonicalWithStatePaths(Random random) {
        return new CanonicalWriter(random, true).write();
    }

    /** An Intercept YAML policy. */
    public static PolicySample intercept(Random random) {
        return new InterceptWriter(random).write();
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    static JsonNode number(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> NODES.numberNode(random.nextInt(11) - 2);
            case 1 -> NODES.numberNode(new BigDecimal(random.nextInt(40) - 10).movePointLeft(1));
            case 2 -> NODES.numberNode(5);
            case 3 -> NODES.numberNode(new BigDecimal("1e3"));
            default -> NODES.numberNode(random.nextInt(3));
        };
    }

    static JsonNode scalar(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> NODES.stringNode(pick(random, STRINGS));
            case 1 -> number(random);
            default -> NODES.booleanNode(random.nextBoolean());
        };
    }

    /** A literal the operator accepts. */
    static JsonNode literal(Random random, String operator) {
        switch (operator) {
            case "in", "not_in" -> {
                ArrayNode list = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    list.add(scalar(random));
                }
                return list;
            }
            case "lt", "lte", "gt", "gte" -> {
                return number(random);
            }
            case "regex" -> {
                return NODES.stringNode(pick(random, REGEXES));
            }
            case "exists" -> {
                return NODES.booleanNode(random.nextBoolean());
            }
            case "starts_with", "ends_with" -> {
                return NODES.stringNode(pick(random, STRINGS));
            }
            case "contains" -> {
                return scalar(random);
            }
            default -> {
                if (random.nextInt(8) == 0) {
                    ArrayNode list = NODES.arrayNode();
                    list.add(scalar(random));
                    return list;
                }
                return scalar(random);
            }
        }
    }

    static ObjectNode comparison(Random random, List<String> counters) {
        ObjectNode comparison = NODES.objectNode();
        String operator = pick(random, OPERATORS);
        boolean state = !counters.isEmpty() && random.nextInt(8) == 0;
        comparison.put("path", state ? "state." + pick(random, counters) : pick(random, ARG_PATHS));
        comparison.put("op", state && !operator.equals("exists") ? pick(random, List.of("lt", "lte", "gt", "gte", "eq")) : operator);
        comparison.set("value", literal(random, comparison.get("op").stringValue()));
        return comparison;
    }

    /** Writes canonical JSON with Jackson, so every text is escaped correctly. */
    private static final class CanonicalWriter {
        private final Random random;
        private final boolean statePaths;
        private final List<String> counterNames = new ArrayList<>();
        private final ObjectNode declarations = NODES.objectNode();
        private final List<ObjectNode> counterDefinitions = new ArrayList<>();

        CanonicalWriter(Random random, boolean statePaths) {
            this.random = random;
            this.statePaths = statePaths;
        }

        PolicySample write() {
            ObjectNode root = NODES.objectNode();
            root.put("version", "1");
            root.put("name", "random");
            root.put("default", random.nextBoolean() ? "allow" : "deny");
            for (int i = 1 + random.nextInt(3); i > 0; i--) {
                ObjectNode definition = NODES.objectNode();
                definition.set("window", random.nextInt(3) == 0 ? NODES.numberNode(1 + random.nextInt(90))
                        : NODES.stringNode(pick(random, List.of("second", "minute", "hour"))));
                definition.put("max", 1 + random.nextInt(3));
                definition.put("scope", pick(random, List.of("grant", "session", "agent", "global")));
                definition.put("algorithm", pick(random, List.of("fixed", "sliding", "token_bucket")));
                if (random.nextInt(5) == 0) {
                    definition.put("per", "args.k");
                }
                String name = "c.n" + i;
                counterNames.add(name);
                counterDefinitions.add(definition);
                if (random.nextBoolean()) {
                    declarations.set(name, definition);
                }
            }
            if (!declarations.isEmpty()) {
                root.set("counters", declarations);
            }
            if (random.nextInt(5) == 0) {
                ArrayNode hide = root.putArray("hide");
                hide.add(random.nextInt(10) == 0 ? "*" : pick(random, TOOLS));
            }
            if (random.nextInt(3) == 0) {
                root.set("all_tools", entry());
            }
            ObjectNode tools = root.putObject("tools");
            for (int i = random.nextInt(5); i > 0; i--) {
                tools.set(pick(random, ENTRY_KEYS), entry());
            }
            return new PolicySample("random.json", JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root), TOOLS);
        }

        private ObjectNode entry() {
            ObjectNode entry = NODES.objectNode();
            int action = random.nextInt(10);
            if (action < 2) {
                entry.put("action", action == 0 ? "deny" : "require_approval");
                if (random.nextBoolean()) {
                    entry.put("reason", "because " + random.nextInt(3));
                }
            } else if (action == 2) {
                entry.put("action", "allow");
            }
            conditions(entry, "require", random.nextInt(2));
            conditions(entry, "deny_if", random.nextInt(2));
            if (random.nextBoolean()) {
                ArrayNode rules = entry.putArray("rules");
                for (int i = random.nextInt(3); i >= 0; i--) {
                    rules.add(rule(i));
                }
            }
            limits(entry, random.nextInt(3));
            return entry;
        }

        private ObjectNode rule(int index) {
            ObjectNode rule = NODES.objectNode();
            rule.put("name", "rule" + index + "." + random.nextInt(3));
            String action = pick(random, List.of("evaluate", "evaluate", "deny", "require_approval"));
            if (!action.equals("evaluate") || random.nextBoolean()) {
                rule.put("action", action);
            }
            if (!action.equals("deny")) {
                conditions(rule, "conditions", action.equals("evaluate") ? 1 + random.nextInt(2) : random.nextInt(2));
            }
            if (random.nextBoolean()) {
                rule.put("on_deny", "no " + random.nextInt(3));
            }
            limits(rule, random.nextInt(4) == 0 ? 1 : 0);
            return rule;
        }

        private void conditions(ObjectNode owner, String field, int count) {
            if (count == 0) {
                return;
            }
            ArrayNode conditions = owner.putArray(field);
            // state. paths are Intercept's: only rules' conditions read them
            List<String> readable = statePaths && field.equals("conditions") ? declaredCounters() : List.of();
            for (int i = 0; i < count; i++) {
                conditions.add(condition(0, readable));
            }
        }

        private ObjectNode condition(int depth, List<String> readable) {
            int kind = depth >= 2 ? 0 : random.nextInt(10);
            if (kind < 6) {
                return comparison(random, readable);
            }
            ObjectNode combined = NODES.objectNode();
            if (kind == 9) {
                combined.set("not", condition(depth + 1, readable));
                return combined;
            }
            ArrayNode parts = combined.putArray(kind < 8 ? "all" : "any");
            for (int i = 1 + random.nextInt(3); i > 0; i--) {
                parts.add(condition(depth + 1, readable));
            }
            return combined;
        }

        /** Counters a {@code state.} path may read: declared ones exist even when no limit uses them. */
        private List<String> declaredCounters() {
            List<String> declared = new ArrayList<>();
            declarations.propertyNames().forEach(declared::add);
            return declared;
        }

        private void limits(ObjectNode owner, int count) {
            if (count == 0 || counterNames.isEmpty()) {
                return;
            }
            ArrayNode limits = owner.putArray("limits");
            for (int i = 0; i < count; i++) {
                int counter = random.nextInt(counterNames.size());
                String name = counterNames.get(counter);
                ObjectNode limit = NODES.objectNode();
                limit.put("counter", name);
                if (!declarations.has(name)) {
                    limit.setAll(counterDefinitions.get(counter));
                }
                int increment = random.nextInt(6);
                if (increment == 0) {
                    limit.put("increment_from", "args.n");
                } else if (increment == 1) {
                    limit.put("increment", 2);
                }
                limits.add(limit);
            }
        }
    }

    /** Writes Intercept YAML in block style; literals in JSON syntax, which YAML reads as flow scalars. */
    private static final class InterceptWriter {
        private final Random random;
        private final StringBuilder yaml = new StringBuilder();

        InterceptWriter(Random random) {
            this.random = random;
        }

        PolicySample write() {
            yaml.append("version: \"1\"\n");
            yaml.append("description: \"random policy\"\n");
            yaml.append("default: ").append(random.nextBoolean() ? "allow" : "deny").append('\n');
            if (random.nextInt(5) == 0) {
                yaml.append("hide:\n  - ").append(pick(random, TOOLS)).append('\n');
            }
            yaml.append("tools:\n");
            List<String> keys = new ArrayList<>(List.of("read", "write", "delete", "list_a", "get_x"));
            java.util.Collections.shuffle(keys, random);
            int count = 1 + random.nextInt(3);
            for (String tool : keys.subList(0, count)) {
                tool(tool);
            }
            if (random.nextInt(3) == 0) {
                tool("*");
            }
            return new PolicySample("random.yaml", yaml.toString(), TOOLS);
        }

        private void tool(String name) {
            yaml.append("  \"").append(name).append("\":\n    rules:");
            int rules = random.nextInt(4);
            if (rules == 0) {
                yaml.append(" []\n");
                return;
            }
            yaml.append('\n');
            boolean rateLimited = false;
            for (int i = 0; i < rules; i++) {
                yaml.append("      - name: \"").append(name.equals("*") ? "any" : name).append(" rule ").append(i).append("\"\n");
                int kind = random.nextInt(6);
                if (kind == 0 && !rateLimited) {
                    rateLimited = true;
                    yaml.append("        rate_limit: ").append(1 + random.nextInt(3)).append('/')
                            .append(pick(random, List.of("minute", "hour", "day"))).append('\n');
                } else if (kind == 1) {
                    yaml.append("        action: deny\n");
                } else {
                    if (kind == 2) {
                        yaml.append("        action: require_approval\n");
                    }
                    yaml.append("        conditions:\n");
                    for (int c = random.nextInt(2); c >= 0; c--) {
                        ObjectNode comparison = comparison(random, List.of());
                        yaml.append("          - path: \"").append(comparison.get("path").stringValue()).append("\"\n");
                        yaml.append("            op: \"").append(comparison.get("op").stringValue()).append("\"\n");
                        yaml.append("            value: ").append(JSON.writeValueAsString(comparison.get("value"))).append('\n');
                    }
                }
                if (random.nextBoolean()) {
                    yaml.append("        on_deny: \"rule ").append(i).append(" says no\"\n");
                }
            }
        }
    }
}
