package dev.portcullis.compiler.dsl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Canonical document to DSL text ({@code fmt}). Reading the text back with {@link DslFrontEnd}
 * gives a tree equal to the one printed, so printing is stable: print(read(print(t))) equals
 * print(t). Whatever the DSL cannot say exactly (an empty list, an explicit default, a field the
 * DSL has no word for) is written as JSON in place, which the DSL also reads; a document that
 * cannot be written as statements at all is written as JSON entirely.
 *
 * <p>Comments and includes of the original file are not kept: the printer sees the canonical
 * document, in which included files are already merged.
 */
public final class DslPrinter {

    private static final String INDENT = "  ";
    private static final int ONE_LINE_BLOCK = 100;
    private static final Set<String> ENTRY_FIELDS = Set.of("action", "reason", "require", "deny_if", "limits", "rules");
    private static final Set<String> RULE_FIELDS = Set.of("name", "action", "conditions", "on_deny", "limits");
    private static final Set<String> SPEC_FIELDS = Set.of("window", "max", "scope", "algorithm", "increment",
            "increment_from", "per");
    private static final Set<String> WINDOWS = Set.of("second", "minute", "hour", "day");
    private static final Set<String> SCOPES = Set.of("grant", "session", "agent", "global");
    private static final Map<String, String> ALGORITHMS = Map.of("fixed", "fixed", "sliding", "sliding",
            "token_bucket", "token bucket");
    private static final Map<String, String> ACTIONS = Map.of("allow", "allow", "deny", "deny",
            "require_approval", "require approval");

    private final JsonNode counters;

    private DslPrinter(JsonNode document) {
        this.counters = document.path("counters");
    }

    /**
     * The DSL text of {@code document}, a canonical policy document.
     *
     * @throws IllegalArgumentException if {@code document} is not a JSON object
     */
    public static String print(JsonNode document) {
        if (document == null || !document.isObject()) {
            throw new IllegalArgumentException("a canonical policy document is a JSON object");
        }
        if (!statementsCanSay(document) || document.size() == 1) {
            // JSON, which the DSL reads too; also for a document with nothing but its version,
            // which as statements would be an empty file
            return JsonMapper.shared().writerWithDefaultPrettyPrinter().writeValueAsString(document) + "\n";
        }
        return new DslPrinter(document).document(document);
    }

    private static boolean statementsCanSay(JsonNode document) {
        if (!DslNames.DOCUMENT_FIELDS.containsAll(document.propertyNames())
                || !document.path("version").isString() || !document.get("version").stringValue().equals("1")) {
            return false;
        }
        for (String text : List.of("name", "description")) {
            if (document.has(text) && !document.get(text).isString()) {
                return false;
            }
        }
        if (document.has("default") && !(document.get("default").isString()
                && Set.of("allow", "deny").contains(document.get("default").stringValue()))) {
            return false;
        }
        if (document.has("hide") && !nonEmptyArrayOf(document.get("hide"), JsonNode::isString)) {
            return false;
        }
        for (String objects : List.of("counters", "tools")) {
            if (document.has(objects) && !(document.get(objects).isObject() && !document.get(objects).isEmpty()
                    && document.get(objects).valueStream().allMatch(JsonNode::isObject))) {
                return false;
            }
        }
        return !document.has("all_tools") || document.get("all_tools").isObject();
    }

    private static boolean nonEmptyArrayOf(JsonNode node, java.util.function.Predicate<JsonNode> element) {
        return node.isArray() && !node.isEmpty() && node.valueStream().allMatch(element);
    }

    private String document(JsonNode document) {
        List<String> sections = new ArrayList<>();
        List<String> header = new ArrayList<>();
        if (document.has("name")) {
            header.add("policy " + DslNames.quote(document.get("name").stringValue()));
        }
        if (document.has("description")) {
            header.add("description " + DslNames.quote(document.get("description").stringValue()));
        }
        if (document.has("default")) {
            header.add("default " + document.get("default").stringValue());
        }
        addSection(sections, header);
        if (document.has("hide")) {
            List<String> keys = new ArrayList<>();
            document.get("hide").forEach(key -> keys.add(DslNames.toolKey(key.stringValue())));
            sections.add("hide " + String.join(", ", keys) + "\n");
        }
        if (document.has("counters")) {
            List<String> lines = new ArrayList<>();
            for (Map.Entry<String, JsonNode> counter : document.get("counters").properties()) {
                String definition = spec(counter.getValue(), false);
                lines.add("counter " + DslNames.counterName(counter.getKey()) + " = "
                        + (definition != null ? definition : DslJson.write(counter.getValue())));
            }
            addSection(sections, lines);
        }
        List<String> blocks = new ArrayList<>();
        if (document.has("all_tools")) {
            blocks.add(entry("all tools", DslNames.ALL_TOOLS_OWNER, document.get("all_tools")));
        }
        if (document.has("tools")) {
            for (Map.Entry<String, JsonNode> tool : document.get("tools").properties()) {
                blocks.add(entry("tool " + DslNames.toolKey(tool.getKey()), tool.getKey(), tool.getValue()));
            }
        }
        sections.addAll(groupBlocks(blocks));
        return String.join("\n", sections);
    }

    private static void addSection(List<String> sections, List<String> lines) {
        if (!lines.isEmpty()) {
            sections.add(String.join("\n", lines) + "\n");
        }
    }

    /** Consecutive one-line blocks stay together; a multi-line block stands apart. */
    private static List<String> groupBlocks(List<String> blocks) {
        List<String> sections = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        for (String block : blocks) {
            boolean oneLine = block.indexOf('\n') == block.length() - 1;
            if (oneLine) {
                run.append(block);
                continue;
            }
            if (run.length() > 0) {
                sections.add(run.toString());
                run.setLength(0);
            }
            sections.add(block);
        }
        if (run.length() > 0) {
            sections.add(run.toString());
        }
        return sections;
    }

    /** {@code tool x { ... }}: the statements of an entry, or the entry as JSON. */
    private String entry(String head, String owner, JsonNode entry) {
        List<String> statements = entryStatements(owner, entry);
        if (statements == null) {
            return head + " " + DslJson.write(entry) + "\n";
        }
        if (statements.isEmpty()) {
            return head + " {}\n";
        }
        String oneLine = head + " { " + statements.get(0) + " }";
        if (statements.size() == 1 && oneLine.length() <= ONE_LINE_BLOCK) {
            return oneLine + "\n";
        }
        StringBuilder block = new StringBuilder(head).append(" {\n");
        for (String statement : statements) {
            block.append(INDENT).append(statement).append('\n');
        }
        return block.append("}\n").toString();
    }

    private List<String> entryStatements(String owner, JsonNode entry) {
        if (!ENTRY_FIELDS.containsAll(entry.propertyNames())) {
            return null;
        }
        for (String list : List.of("require", "deny_if", "limits", "rules")) {
            if (entry.has(list) && !nonEmptyArrayOf(entry.get(list), JsonNode::isObject)) {
                return null;
            }
        }
        List<String> statements = new ArrayList<>();
        if (entry.has("action")) {
            String action = entry.get("action").isString() ? ACTIONS.get(entry.get("action").stringValue()) : null;
            if (action == null) {
                return null;
            }
            if (entry.has("reason")) {
                if (!entry.get("reason").isString()) {
                    return null;
                }
                action += " " + DslNames.quote(entry.get("reason").stringValue());
            }
            statements.add(action);
        } else if (entry.has("reason")) {
            return null;
        }
        for (JsonNode requirement : entry.path("require")) {
            statements.add("require " + ConditionPrinter.conjunction(List.of(requirement)));
        }
        for (JsonNode condition : entry.path("deny_if")) {
            statements.add("deny if " + ConditionPrinter.print(condition, ConditionPrinter.Place.TOP));
        }
        Map<String, Integer> counterUses = counterUses(entry);
        // the entry's own limits come before its rules: a 'limit' right after a rule would belong to the rule
        for (JsonNode limit : entry.path("limits")) {
            statements.add("limit " + limit(limit, owner, counterUses));
        }
        for (JsonNode rule : entry.path("rules")) {
            statements.add(rule(rule, owner, counterUses));
        }
        return statements;
    }

    /** How many limits of an entry (its own and its rules') use each counter name. */
    private static Map<String, Integer> counterUses(JsonNode entry) {
        Map<String, Integer> uses = new HashMap<>();
        List<JsonNode> holders = new ArrayList<>();
        holders.add(entry);
        entry.path("rules").forEach(holders::add);
        for (JsonNode holder : holders) {
            for (JsonNode limit : holder.path("limits")) {
                if (limit.path("counter").isString()) {
                    uses.merge(limit.get("counter").stringValue(), 1, Integer::sum);
                }
            }
        }
        return uses;
    }

    private String rule(JsonNode rule, String owner, Map<String, Integer> counterUses) {
        String readable = readableRule(rule, owner, counterUses);
        return readable != null ? readable : "rule " + DslJson.write(rule);
    }

    private String readableRule(JsonNode rule, String owner, Map<String, Integer> counterUses) {
        if (!RULE_FIELDS.containsAll(rule.propertyNames()) || !rule.path("name").isString()) {
            return null;
        }
        for (String list : List.of("conditions", "limits")) {
            if (rule.has(list) && !nonEmptyArrayOf(rule.get(list), JsonNode::isObject)) {
                return null;
            }
        }
        if (rule.has("on_deny") && !rule.get("on_deny").isString()) {
            return null;
        }
        String name = rule.get("name").stringValue();
        List<JsonNode> conditions = new ArrayList<>();
        rule.path("conditions").forEach(conditions::add);
        String conjunction = conditions.isEmpty() ? null : ConditionPrinter.conjunction(conditions);
        String action = rule.has("action") ? (rule.get("action").isString() ? rule.get("action").stringValue() : "")
                : null;
        if (action == null && conjunction != null && rule.has("on_deny") && rule.size() == 3
                && name.equals(conjunction)) {
            return "require " + conjunction + " else " + DslNames.quote(rule.get("on_deny").stringValue());
        }
        StringBuilder out = new StringBuilder("rule ").append(DslNames.quote(name));
        boolean reasonWritten = false;
        if (action == null) {
            if (conjunction != null) {
                out.append(" require ").append(conjunction);
            } else if (!rule.has("limits") && !rule.has("on_deny")) {
                // 'rule "x"' alone would take the next statement as its action
                return null;
            }
        } else if (action.equals("deny")) {
            if (conjunction != null) {
                return null;
            }
            out.append(" deny");
            if (rule.has("on_deny")) {
                out.append(' ').append(DslNames.quote(rule.get("on_deny").stringValue()));
                reasonWritten = true;
            }
        } else if (action.equals("require_approval")) {
            out.append(" require approval");
            if (conjunction != null) {
                out.append(" when ").append(conjunction);
            }
        } else {
            return null;
        }
        for (JsonNode limit : rule.path("limits")) {
            out.append(" limit ").append(limit(limit, owner, counterUses));
        }
        if (rule.has("on_deny") && !reasonWritten) {
            out.append(" else ").append(DslNames.quote(rule.get("on_deny").stringValue()));
        }
        return out.toString();
    }

    /** What follows {@code limit}: a counter's name, an unnamed or named definition, or JSON. */
    private String limit(JsonNode limit, String owner, Map<String, Integer> counterUses) {
        JsonNode counter = limit.path("counter");
        if (!counter.isString()) {
            return DslJson.write(limit);
        }
        String name = counter.stringValue();
        boolean declared = counters.has(name);
        if (limit.size() == 1) {
            return declared ? DslNames.counterName(name) : DslJson.write(limit);
        }
        String definition = declared ? null : spec(limit, true);
        if (definition == null) {
            return DslJson.write(limit);
        }
        boolean unnamed = name.equals(DslNames.defaultCounterName(owner, limit.get("window")))
                && counterUses.getOrDefault(name, 0) == 1;
        return unnamed ? definition : DslNames.counterName(name) + " = " + definition;
    }

    /** {@code 10 per minute per grant sliding increment by args.n}, or null if the DSL cannot say it exactly. */
    private static String spec(JsonNode spec, boolean hasCounter) {
        for (String field : spec.propertyNames()) {
            if (!SPEC_FIELDS.contains(field) && !(hasCounter && field.equals("counter"))) {
                return null;
            }
        }
        String max = positiveInteger(spec.get("max"));
        String window = window(spec.get("window"));
        if (max == null || window == null || spec.has("increment") && spec.has("increment_from")) {
            return null;
        }
        StringBuilder out = new StringBuilder(max).append(" per ").append(window);
        if (spec.has("scope")) {
            JsonNode scope = spec.get("scope");
            if (!scope.isString() || !SCOPES.contains(scope.stringValue())) {
                return null;
            }
            out.append(scope.stringValue().equals("global") ? " globally" : " per " + scope.stringValue());
        }
        if (spec.has("per")) {
            String per = ConditionPrinter.path(spec.get("per"));
            if (per == null) {
                return null;
            }
            out.append(" per ").append(per);
        }
        if (spec.has("algorithm")) {
            JsonNode algorithm = spec.get("algorithm");
            String word = algorithm.isString() ? ALGORITHMS.get(algorithm.stringValue()) : null;
            if (word == null) {
                return null;
            }
            out.append(' ').append(word);
        }
        if (spec.has("increment")) {
            String increment = positiveInteger(spec.get("increment"));
            if (increment == null) {
                return null;
            }
            out.append(" increment by ").append(increment);
        }
        if (spec.has("increment_from")) {
            String from = ConditionPrinter.path(spec.get("increment_from"));
            if (from == null) {
                return null;
            }
            out.append(" increment by ").append(from);
        }
        return out.toString();
    }

    /**
     * The literal of a positive whole number the DSL accepts (at most Long.MAX_VALUE). Read back it
     * has the same value; its node type is the JSON reader's for that literal (a front end that
     * builds an {@code int} as a {@code long} node gets an equal value, as JSON has one number type).
     */
    private static String positiveInteger(JsonNode number) {
        if (number == null || !number.isIntegralNumber() || !number.canConvertToLong() || number.longValue() <= 0) {
            return null;
        }
        return Long.toString(number.longValue());
    }

    /** {@code minute}, or a number of seconds as the largest whole unit ({@code 90s}, {@code 5m}, {@code 2h}, {@code 1d}). */
    private static String window(JsonNode window) {
        if (window == null) {
            return null;
        }
        if (window.isString()) {
            return WINDOWS.contains(window.stringValue()) ? window.stringValue() : null;
        }
        if (positiveInteger(window) == null || !window.canConvertToLong()) {
            return null;
        }
        long seconds = window.longValue();
        String duration;
        if (seconds % 86_400 == 0) {
            duration = seconds / 86_400 + "d";
        } else if (seconds % 3_600 == 0) {
            duration = seconds / 3_600 + "h";
        } else if (seconds % 60 == 0) {
            duration = seconds / 60 + "m";
        } else {
            duration = seconds + "s";
        }
        return duration;
    }
}
