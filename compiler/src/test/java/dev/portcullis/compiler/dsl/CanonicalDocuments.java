package dev.portcullis.compiler.dsl;

import dev.portcullis.compiler.testing.Canonical;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Random canonical documents as the front ends produce them (numbers typed as Jackson's JSON reader
 * types them), covering every field and, now and then, the shapes the DSL has no statement for
 * (empty lists, explicit defaults, odd names, malformed conditions) that the printer must write as
 * JSON in place. Regexes are valid and strings hold no forbidden characters: such documents are
 * refused by every front end, so the printer never sees them.
 */
final class CanonicalDocuments {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final String[] TOOL_KEYS = {"list_patients", "get_*", "*", "github.create_issue", "write-cypher",
        "deny", "tool", "1password", "my tool", "quote\"d", "caf\u00e9", "a..b", "-x", "*-1", "_", "describe_*_job"};
    private static final String[] SEGMENTS = {"a", "output_data_config", "limit", "0", "12", "content type", "",
        "x-y", "\u00fc", "01", "not", "args"};
    private static final String[] TEXTS = {"PHI exports only", "", "say \"no\"", "back\\slash", "tab\there",
        "line\nbreak", "snow \u2603 man", "emoji \ud83d\ude00", "deny", "\u00e9t\u00e9"};
    private static final String[] COUNTERS = {"exports", "calls", "a.b", "_global.calls", "create_issue._rate_hour",
        "*._x", "with space", "limit"};
    private static final String[] REGEXES = {"^a+$", "s3://.*", "[0-9]{3}", "(?i)select"};
    private static final String[] OPS = {"eq", "neq", "in", "not_in", "lt", "lte", "gt", "gte", "regex", "contains",
        "exists", "starts_with", "ends_with"};
    private static final String[] WINDOW_WORDS = {"second", "minute", "hour", "day"};
    private static final int[] WINDOW_SECONDS = {1, 59, 60, 90, 3_600, 5_400, 86_400, 172_800};

    private CanonicalDocuments() {
    }

    static Arbitrary<JsonNode> documents() {
        return Arbitraries.randomValue(random -> new Generator(random).document());
    }

    private static final class Generator {
        private final Random random;
        private final List<String> declared = new ArrayList<>();

        Generator(Random random) {
            this.random = random;
        }

        private boolean chance(int percent) {
            return random.nextInt(100) < percent;
        }

        private <T> T pick(T[] choices) {
            return choices[random.nextInt(choices.length)];
        }

        JsonNode document() {
            ObjectNode document = NODES.objectNode();
            document.put("version", "1");
            if (chance(50)) {
                document.put("name", pick(TEXTS));
            }
            if (chance(30)) {
                document.put("description", pick(TEXTS));
            }
            if (chance(50)) {
                document.put("default", chance(50) ? "allow" : "deny");
            }
            if (chance(30)) {
                ArrayNode hide = document.putArray("hide");
                int count = chance(5) ? 0 : 1 + random.nextInt(3);
                for (int i = 0; i < count; i++) {
                    hide.add(pick(TOOL_KEYS));
                }
            }
            if (chance(40)) {
                ObjectNode counters = document.putObject("counters");
                int count = chance(5) ? 0 : 1 + random.nextInt(3);
                for (int i = 0; i < count; i++) {
                    String name = pick(COUNTERS);
                    counters.set(name, spec(chance(5)));
                    declared.add(name);
                }
            }
            if (chance(30)) {
                document.set("all_tools", entry(DslNames.ALL_TOOLS_OWNER));
            }
            if (chance(85)) {
                ObjectNode tools = document.putObject("tools");
                int count = chance(3) ? 0 : 1 + random.nextInt(4);
                for (int i = 0; i < count; i++) {
                    String key = pick(TOOL_KEYS);
                    tools.set(key, entry(key));
                }
            }
            if (chance(3)) {
                document.put("$schema", "https://portcullis.dev/schemas/policy-1.schema.json");
            }
            return document;
        }

        private ObjectNode entry(String owner) {
            ObjectNode entry = NODES.objectNode();
            if (chance(40)) {
                entry.put("action", pick(new String[] {"allow", "deny", "require_approval"}));
                if (chance(50)) {
                    entry.put("reason", pick(TEXTS));
                }
            } else if (chance(3)) {
                entry.put("reason", pick(TEXTS));
            }
            if (chance(30)) {
                entry.set("require", conditions());
            }
            if (chance(25)) {
                entry.set("deny_if", conditions());
            }
            if (chance(30)) {
                entry.set("limits", limits(owner));
            }
            if (chance(35)) {
                ArrayNode rules = entry.putArray("rules");
                int count = chance(5) ? 0 : 1 + random.nextInt(3);
                for (int i = 0; i < count; i++) {
                    rules.add(rule(owner));
                }
            }
            if (chance(2)) {
                entry.put("note", 5);
            }
            return entry;
        }

        private ObjectNode rule(String owner) {
            ObjectNode rule = NODES.objectNode();
            String action = pick(new String[] {null, null, "evaluate", "deny", "require_approval"});
            ArrayNode conditions = chance(60) ? conditions() : null;
            if (conditions != null && action == null && chance(40)) {
                // the shape `require ... else "..."` lowers to: named after its conditions
                List<JsonNode> items = new ArrayList<>();
                conditions.forEach(items::add);
                rule.put("name", items.isEmpty() ? "empty" : ConditionPrinter.conjunction(items));
                rule.set("conditions", conditions);
                rule.put("on_deny", pick(TEXTS));
                return rule;
            }
            rule.put("name", chance(5) ? "" : pick(TEXTS));
            if (action != null) {
                rule.put("action", action);
            }
            if (conditions != null) {
                rule.set("conditions", conditions);
            }
            if (chance(50)) {
                rule.put("on_deny", pick(TEXTS));
            }
            if (chance(35)) {
                rule.set("limits", limits(owner));
            }
            return rule;
        }

        private ArrayNode conditions() {
            ArrayNode list = NODES.arrayNode();
            int count = chance(5) ? 0 : 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                list.add(condition(3));
            }
            return list;
        }

        private JsonNode condition(int depth) {
            int kind = depth == 0 ? 0 : random.nextInt(10);
            if (kind >= 6 && kind <= 7) {
                ObjectNode combination = NODES.objectNode();
                ArrayNode operands = combination.putArray(kind == 6 ? "all" : "any");
                int count = chance(10) ? 1 : 2 + random.nextInt(3);
                for (int i = 0; i < count; i++) {
                    operands.add(condition(depth - 1));
                }
                return combination;
            }
            if (kind == 8) {
                ObjectNode not = NODES.objectNode();
                not.set("not", condition(depth - 1));
                return not;
            }
            return comparison();
        }

        private JsonNode comparison() {
            ObjectNode comparison = NODES.objectNode();
            comparison.put("path", path());
            String op = chance(3) ? "between" : pick(OPS);
            comparison.put("op", op);
            switch (op) {
                case "exists" -> {
                    if (chance(90)) {
                        comparison.put("value", chance(50));
                    } else {
                        comparison.put("value", "yes");
                    }
                }
                case "regex" -> comparison.put("value", pick(REGEXES));
                case "in", "not_in" -> comparison.set("value", array());
                default -> comparison.set("value", value(2));
            }
            if (chance(3)) {
                comparison.remove("value");
            }
            return comparison;
        }

        private String path() {
            StringBuilder path = new StringBuilder("args");
            int segments = 1 + random.nextInt(3);
            for (int i = 0; i < segments; i++) {
                path.append('.').append(pick(SEGMENTS));
            }
            return path.toString();
        }

        private JsonNode value(int depth) {
            return switch (depth == 0 ? random.nextInt(5) : random.nextInt(7)) {
                case 0 -> NODES.stringNode(pick(TEXTS));
                case 1 -> number();
                case 2 -> NODES.booleanNode(chance(50));
                case 3 -> NODES.nullNode();
                case 4 -> NODES.stringNode(pick(REGEXES));
                case 5 -> array();
                default -> {
                    ObjectNode object = NODES.objectNode();
                    int count = random.nextInt(3);
                    for (int i = 0; i < count; i++) {
                        object.set(pick(SEGMENTS), value(depth - 1));
                    }
                    yield object;
                }
            };
        }

        private ArrayNode array() {
            ArrayNode array = NODES.arrayNode();
            int count = random.nextInt(4);
            for (int i = 0; i < count; i++) {
                array.add(value(0));
            }
            return array;
        }

        /** A number as the JSON reader types it: int, long, big integer or double. */
        private JsonNode number() {
            String text = switch (random.nextInt(6)) {
                case 0 -> Integer.toString(random.nextInt(2_000) - 1_000);
                case 1 -> Long.toString(random.nextLong());
                case 2 -> "123456789012345678901234567890";
                case 3 -> Double.toString(random.nextDouble() * 1_000);
                case 4 -> "1.0E10";
                default -> "0";
            };
            return Canonical.tree(text);
        }

        private ArrayNode limits(String owner) {
            ArrayNode limits = NODES.arrayNode();
            int count = chance(5) ? 0 : 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                limits.add(limit(owner));
            }
            return limits;
        }

        private ObjectNode limit(String owner) {
            int kind = random.nextInt(10);
            if (kind < 2 && !declared.isEmpty()) {
                ObjectNode reference = NODES.objectNode();
                reference.put("counter", declared.get(random.nextInt(declared.size())));
                if (chance(20)) {
                    reference.setAll(spec(false));
                }
                return reference;
            }
            ObjectNode limit = NODES.objectNode();
            ObjectNode spec = spec(chance(5));
            String name = kind < 6 && spec.has("window")
                    ? DslNames.defaultCounterName(owner, spec.get("window"))
                    : pick(COUNTERS);
            limit.put("counter", name);
            limit.setAll(spec);
            if (chance(3)) {
                limit.remove("counter");
            }
            return limit;
        }

        private ObjectNode spec(boolean odd) {
            ObjectNode spec = NODES.objectNode();
            if (chance(50)) {
                spec.put("window", pick(WINDOW_WORDS));
            } else {
                spec.set("window", Canonical.tree(Integer.toString(WINDOW_SECONDS[random.nextInt(WINDOW_SECONDS.length)])));
            }
            spec.set("max", chance(5) ? Canonical.tree("10000000000") : NODES.numberNode(1 + random.nextInt(1_000)));
            if (chance(40)) {
                spec.put("scope", pick(new String[] {"grant", "session", "agent", "global"}));
            }
            if (chance(30)) {
                spec.put("algorithm", pick(new String[] {"fixed", "sliding", "token_bucket"}));
            }
            if (chance(25)) {
                spec.put("increment", 1 + random.nextInt(10));
            }
            if (chance(20)) {
                spec.put("increment_from", path());
            }
            if (chance(25)) {
                spec.put("per", path());
            }
            if (odd) {
                switch (random.nextInt(5)) {
                    case 0 -> spec.put("max", 0);
                    case 1 -> spec.put("window", "fortnight");
                    case 2 -> spec.remove("window");
                    case 3 -> spec.put("burst", 3);
                    default -> spec.put("scope", "planet");
                }
            }
            return spec;
        }
    }
}
