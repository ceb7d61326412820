package dev.portcullis.compiler.frontend;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import dev.portcullis.compiler.diagnostic.Suggestions;
import dev.portcullis.compiler.schema.RegexSyntax;
import dev.portcullis.compiler.source.JsonPointers;
import dev.portcullis.compiler.source.SourceMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks an Intercept YAML policy for the errors of Intercept's own validator that a JSON Schema
 * cannot express, and translates it to the canonical format ({@code docs/canonical-format.md},
 * "Front-end lowering"). The raw tree's shape (fields, types, enum values) is checked separately
 * against {@code intercept-1.schema.json}; this class tolerates a malformed tree and skips what
 * it cannot read, so that one run reports every error.
 *
 * <p>Every canonical node maps to the position of the YAML element it came from: a limit made from
 * {@code rate_limit: 5/hour} maps to the {@code rate_limit} line, a limit made from a {@code state}
 * block to the block, and its {@code max} to the {@code value} of the condition that bounds it.
 */
final class InterceptTranslation {

    private static final List<String> WINDOWS = List.of("minute", "hour", "day");
    private static final String WILDCARD = "*";
    private static final String WILDCARD_SCOPE = "_global";

    /**
     * The result: a canonical tree when no error was found.
     *
     * @param canonical   the canonical tree, present when the policy has no errors
     * @param positions   canonical pointers to positions in the YAML file
     * @param diagnostics errors and warnings found
     */
    record Result(Optional<ObjectNode> canonical, SourceMap positions, List<Diagnostic> diagnostics) {
    }

    private final JsonNode raw;
    private final SourceMap rawPositions;
    private final SourceMap positions;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;
    /** Counters each scope ({@code <tool>} or {@code _global}) defines with a state block or rate_limit. */
    private final Map<String, Set<String>> countersByScope = new HashMap<>();

    InterceptTranslation(String file, JsonNode raw, SourceMap rawPositions) {
        this.raw = raw;
        this.rawPositions = rawPositions;
        this.positions = new SourceMap(file);
    }

    Result translate() {
        ObjectNode canonical = nodes.objectNode();
        map("", "");
        canonical.put("version", "1");
        map("/version", "/version");
        copyIfString(canonical, "description");
        copyIfString(canonical, "default");
        if (raw.path("hide").isArray()) {
            canonical.set("hide", raw.get("hide").deepCopy());
            for (int i = 0; i < raw.get("hide").size(); i++) {
                map(JsonPointers.child("/hide", i), JsonPointers.child("/hide", i));
            }
            map("/hide", "/hide");
        }
        JsonNode tools = raw.path("tools");
        if (tools.isObject()) {
            indexCounters(tools);
            ObjectNode canonicalTools = nodes.objectNode();
            for (Map.Entry<String, JsonNode> tool : tools.properties()) {
                ObjectNode entry = translateTool(tool.getKey(), tool.getValue());
                if (WILDCARD.equals(tool.getKey())) {
                    canonical.set("all_tools", entry);
                } else {
                    canonicalTools.set(tool.getKey(), entry);
                }
            }
            if (!canonicalTools.isEmpty()) {
                canonical.set("tools", canonicalTools);
                map("/tools", "/tools");
            }
        }
        boolean failed = diagnostics.stream().anyMatch(Diagnostic::isError);
        return new Result(failed ? Optional.empty() : Optional.of(canonical), positions, diagnostics);
    }

    private void copyIfString(ObjectNode canonical, String field) {
        if (raw.path(field).isString()) {
            canonical.put(field, raw.get(field).asString());
            map("/" + field, "/" + field);
        }
    }

    private void indexCounters(JsonNode tools) {
        for (Map.Entry<String, JsonNode> tool : tools.properties()) {
            Set<String> counters = countersByScope.computeIfAbsent(scopeOf(tool.getKey()), k -> new HashSet<>());
            for (JsonNode rule : elements(tool.getValue().path("rules"))) {
                JsonNode counter = rule.path("state").path("counter");
                if (counter.isString()) {
                    counters.add(counter.asString());
                }
                parseRateLimit(rule.path("rate_limit")).ifPresent(rate -> counters.add(rate.counter()));
            }
        }
    }

    private ObjectNode translateTool(String toolName, JsonNode tool) {
        String rawPointer = JsonPointers.child("/tools", toolName);
        String entryPointer = WILDCARD.equals(toolName) ? "/all_tools" : rawPointer;
        map(entryPointer, rawPointer);
        ObjectNode entry = nodes.objectNode();
        List<JsonNode> rules = elements(tool.path("rules"));
        if (rules.isEmpty()) {
            return entry;
        }
        ArrayNode canonicalRules = entry.putArray("rules");
        map(entryPointer + "/rules", rawPointer + "/rules");
        Map<String, Integer> countersSeen = new HashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            RuleContext rule = new RuleContext(toolName, i, JsonPointers.child(rawPointer + "/rules", i),
                    JsonPointers.child(entryPointer + "/rules", i), rules.get(i));
            if (rules.get(i).isObject()) {
                canonicalRules.add(translateRule(rule, countersSeen));
            }
        }
        return entry;
    }

    /** One rule being translated: where it is in the YAML and in the canonical tree. */
    private record RuleContext(String toolName, int index, String rawPointer, String pointer, JsonNode node) {

        /** {@code " (rule 'x')"} for messages, or nothing when the rule has no name. */
        String label() {
            return node.path("name").isString() ? " (rule '" + node.get("name").asString() + "')" : "";
        }

        String action() {
            return node.path("action").isString() ? node.get("action").asString() : "evaluate";
        }

        List<JsonNode> conditions() {
            return elements(node.path("conditions"));
        }
    }

    private ObjectNode translateRule(RuleContext rule, Map<String, Integer> countersSeen) {
        ObjectNode out = nodes.objectNode();
        map(rule.pointer(), rule.rawPointer());
        for (String field : List.of("name", "action", "on_deny")) {
            if (rule.node().path(field).isString()) {
                out.put(field, rule.node().get(field).asString());
                map(rule.pointer() + "/" + field, rule.rawPointer() + "/" + field);
            }
        }
        JsonNode rateLimit = rule.node().path("rate_limit");
        if (rateLimit.isString()) {
            translateRateLimit(rule, rateLimit.asString(), countersSeen, out);
        } else if (!rateLimit.isMissingNode() && !rateLimit.isNull()) {
            return out; // the schema reports a rate_limit that is not a string; nothing else can be judged
        } else {
            checkConditionCount(rule);
            translateConditions(rule, out);
            translateState(rule, countersSeen, out);
        }
        return out;
    }

    // --- rate_limit: N/window ---

    /** A parsed {@code rate_limit}. */
    private record Rate(int count, String window) {

        String counter() {
            return "_rate_" + window;
        }
    }

    /** Parses as Intercept does: {@code <count>/<window>}, count a positive integer, no spaces. */
    private static Optional<Rate> parseRateLimit(JsonNode value) {
        if (!value.isString() || rateLimitProblem(value.asString()).isPresent()) {
            return Optional.empty();
        }
        String[] parts = value.asString().split("/", 2);
        return Optional.of(new Rate(Integer.parseInt(parts[0]), parts[1]));
    }

    private static Optional<String> rateLimitProblem(String text) {
        String[] parts = text.split("/", 2);
        if (parts.length != 2) {
            return Optional.of("must be in the format \"N/window\" (e.g. \"5/hour\")");
        }
        int count;
        try {
            count = Integer.parseInt(parts[0]);
        } catch (NumberFormatException e) {
            count = 0;
        }
        if (count <= 0) {
            return Optional.of("count must be a positive integer, got \"" + parts[0] + "\"");
        }
        if (!WINDOWS.contains(parts[1])) {
            return Optional.of("window must be \"minute\", \"hour\", or \"day\", got \"" + parts[1] + "\""
                    + Suggestions.didYouMean(parts[1], WINDOWS));
        }
        return Optional.empty();
    }

    private void translateRateLimit(RuleContext rule, String text, Map<String, Integer> countersSeen, ObjectNode out) {
        String rateLimitPointer = rule.rawPointer() + "/rate_limit";
        Optional<String> problem = rateLimitProblem(text);
        problem.ifPresent(p -> error(DiagnosticCode.RATE_LIMIT_INVALID, rateLimitPointer, text, p));
        boolean hasConditions = !rule.conditions().isEmpty();
        boolean hasState = rule.node().path("state").isObject();
        if (hasConditions || hasState) {
            error(DiagnosticCode.RATE_LIMIT_COMBINED, rateLimitPointer);
        }
        boolean evaluates = "evaluate".equals(rule.action());
        if (!evaluates) {
            error(DiagnosticCode.RATE_LIMIT_WITH_ACTION, rule.rawPointer() + "/action", rule.action());
        }
        if (problem.isPresent() || hasConditions || hasState || !evaluates) {
            return; // Intercept expands the shorthand only when none of these holds
        }
        Rate rate = parseRateLimit(rule.node().get("rate_limit")).orElseThrow();
        checkDuplicateCounter(rule, rate.counter(), rateLimitPointer, countersSeen);
        String limitPointer = rule.pointer() + "/limits/0";
        ObjectNode limit = out.putArray("limits").addObject();
        limit.put("counter", scopeOf(rule.toolName()) + "." + rate.counter());
        limit.put("window", rate.window());
        limit.put("max", rate.count());
        limit.put("scope", "global");
        map(rule.pointer() + "/limits", rateLimitPointer);
        map(limitPointer, rateLimitPointer);
        if (!out.has("on_deny")) {
            // Intercept's own default message for the shorthand, so decisions read the same
            out.put("on_deny", "Rate limit of " + rate.count() + " per " + rate.window() + " reached. Try again later.");
            map(rule.pointer() + "/on_deny", rateLimitPointer);
        }
    }

    // --- conditions ---

    private void checkConditionCount(RuleContext rule) {
        boolean hasConditions = !rule.conditions().isEmpty();
        String action = rule.action();
        if ("deny".equals(action) && hasConditions) {
            error(DiagnosticCode.DENY_RULE_WITH_CONDITIONS, rule.rawPointer() + "/conditions", rule.label());
        }
        if ("evaluate".equals(action) && !hasConditions) {
            String at = rule.node().has("conditions") ? rule.rawPointer() + "/conditions" : rule.rawPointer();
            error(DiagnosticCode.EVALUATE_RULE_WITHOUT_CONDITIONS, at, rule.label());
        }
    }

    private void translateConditions(RuleContext rule, ObjectNode out) {
        List<JsonNode> conditions = rule.conditions();
        ArrayNode canonical = nodes.arrayNode();
        for (int j = 0; j < conditions.size(); j++) {
            JsonNode condition = conditions.get(j);
            String rawPointer = JsonPointers.child(rule.rawPointer() + "/conditions", j);
            if (!condition.path("path").isString() || condition.get("path").asString().startsWith("state.")) {
                continue; // state conditions become limits (translateState); a non-string path is a schema error
            }
            if ("regex".equals(condition.path("op").asString("")) && condition.path("value").isString()) {
                String pattern = condition.get("value").asString();
                RegexSyntax.problemWith(pattern).ifPresent(p -> error(DiagnosticCode.INVALID_REGEX, rawPointer + "/value", pattern, p));
            }
            String pointer = JsonPointers.child(rule.pointer() + "/conditions", canonical.size());
            ObjectNode copy = canonical.addObject();
            map(pointer, rawPointer);
            for (String field : List.of("path", "op", "value")) {
                if (condition.has(field)) {
                    copy.set(field, condition.get(field).deepCopy());
                    map(pointer + "/" + field, rawPointer + "/" + field);
                }
            }
        }
        if (!canonical.isEmpty()) {
            out.set("conditions", canonical);
            map(rule.pointer() + "/conditions", rule.rawPointer() + "/conditions");
        }
    }

    // --- state blocks and state.<scope>.<counter> conditions ---

    /** The {@code lt}/{@code lte} condition that turns a state block into a quota. */
    private record Bound(long max, String valuePointer) {
    }

    private void translateState(RuleContext rule, Map<String, Integer> countersSeen, ObjectNode out) {
        JsonNode state = rule.node().path("state");
        String ownCounter = state.path("counter").isString() ? state.get("counter").asString() : null;
        String statePointer = rule.rawPointer() + "/state";
        if (ownCounter != null && !ownCounter.isEmpty()) {
            checkDuplicateCounter(rule, ownCounter, statePointer + "/counter", countersSeen);
        }
        Bound bound = null;
        boolean ownCounterRead = false;
        List<JsonNode> conditions = rule.conditions();
        for (int j = 0; j < conditions.size(); j++) {
            JsonNode path = conditions.get(j).path("path");
            if (path.isString() && path.asString().startsWith("state.")) {
                String conditionPointer = JsonPointers.child(rule.rawPointer() + "/conditions", j);
                Bound found = stateBound(rule, ownCounter, conditions.get(j), conditionPointer, bound != null);
                bound = bound == null ? found : bound;
                ownCounterRead |= path.asString().equals("state." + scopeOf(rule.toolName()) + "." + ownCounter);
            }
        }
        if (ownCounter == null || ownCounter.isEmpty() || !WINDOWS.contains(state.path("window").asString(""))) {
            return; // the schema reports a missing or bad counter or window
        }
        if (bound == null && ownCounterRead) {
            return; // the condition reading the counter was reported as unusable
        }
        if (bound == null) {
            diagnostics.add(Diagnostic.of(DiagnosticCode.STATE_COUNTER_UNUSED, rawPositions.positionOf(statePointer), ownCounter));
            return;
        }
        String limitPointer = rule.pointer() + "/limits/0";
        ObjectNode limit = out.putArray("limits").addObject();
        map(rule.pointer() + "/limits", statePointer);
        map(limitPointer, statePointer);
        limit.put("counter", scopeOf(rule.toolName()) + "." + ownCounter);
        map(limitPointer + "/counter", statePointer + "/counter");
        limit.put("window", state.get("window").asString());
        map(limitPointer + "/window", statePointer + "/window");
        if (bound.max() <= Integer.MAX_VALUE) {
            limit.put("max", (int) bound.max()); // the same node type as a max written in JSON
        } else {
            limit.put("max", bound.max());
        }
        map(limitPointer + "/max", bound.valuePointer());
        limit.put("scope", "global");
        if (!out.has("on_deny") && !out.has("conditions")) {
            // Intercept's message when a reservation fails; with other conditions left in the rule,
            // one on_deny could not be right for both kinds of denial, so none is invented then
            out.put("on_deny", "Rate limit exceeded for " + rule.node().path("name").asString(""));
            map(rule.pointer() + "/on_deny", statePointer);
        }
        if (state.path("increment_from").isString()) {
            limit.put("increment_from", state.get("increment_from").asString());
            map(limitPointer + "/increment_from", statePointer + "/increment_from");
        } else if (state.path("increment").canConvertToInt() && state.get("increment").asInt() > 0) {
            // Intercept treats an increment of 0 (or none) as 1, the canonical default
            limit.put("increment", state.get("increment").asInt());
            map(limitPointer + "/increment", statePointer + "/increment");
        }
    }

    /**
     * Checks one {@code state.} condition and returns the quota it sets when it bounds the rule's own
     * counter; reports why otherwise. Intercept reserves a counter only when its own rule bounds it
     * with {@code lt}/{@code lte}; any other read of a counter cannot be a quota.
     */
    private Bound stateBound(RuleContext rule, String ownCounter, JsonNode condition, String pointer, boolean alreadyBound) {
        String path = condition.get("path").asString();
        String[] parts = path.split("\\.", 3);
        if (parts.length < 3) {
            return null; // the schema reports the malformed path
        }
        String pathPointer = pointer + "/path";
        if (!countersByScope.getOrDefault(parts[1], Set.of()).contains(parts[2])) {
            error(DiagnosticCode.STATE_BLOCK_MISSING, pathPointer, path);
            return null;
        }
        if (!parts[1].equals(scopeOf(rule.toolName())) || !parts[2].equals(ownCounter)) {
            error(DiagnosticCode.STATE_CONDITION_UNSUPPORTED, pathPointer, path,
                    "the counter belongs to another rule; a state condition is enforced only as the quota of its own rule's state block");
            return null;
        }
        String op = condition.path("op").asString("");
        JsonNode value = condition.path("value");
        if (!"lt".equals(op) && !"lte".equals(op)) {
            error(DiagnosticCode.STATE_CONDITION_UNSUPPORTED, pointer + "/op", path,
                    "only lt and lte bound a counter, found \"" + op + "\"");
            return null;
        }
        if (!value.isNumber()) {
            return null; // the schema reports a non-numeric bound
        }
        if (!isWholeNumber(value)) {
            error(DiagnosticCode.STATE_CONDITION_UNSUPPORTED, pointer + "/value", path,
                    "the bound must be a whole number, found " + value);
            return null;
        }
        long max = "lte".equals(op) ? value.asLong() : value.asLong() - 1;
        if (max < 1) {
            error(DiagnosticCode.STATE_CONDITION_UNSUPPORTED, pointer + "/value", path,
                    "it admits no call at all; use action: deny to block the tool");
            return null;
        }
        if (alreadyBound) {
            error(DiagnosticCode.STATE_CONDITION_UNSUPPORTED, pointer, path, "the rule already bounds this counter; keep one bound");
            return null;
        }
        return new Bound(max, pointer + "/value");
    }

    private static boolean isWholeNumber(JsonNode value) {
        if (value.isIntegralNumber()) {
            return value.canConvertToLong();
        }
        double d = value.asDouble();
        return d == Math.rint(d) && Math.abs(d) < 1e15;
    }

    private void checkDuplicateCounter(RuleContext rule, String counter, String pointer, Map<String, Integer> countersSeen) {
        Integer previous = countersSeen.putIfAbsent(counter, rule.index());
        if (previous != null) {
            error(DiagnosticCode.DUPLICATE_STATE_COUNTER, pointer, counter, previous);
        }
    }

    // --- helpers ---

    private static String scopeOf(String toolName) {
        return WILDCARD.equals(toolName) ? WILDCARD_SCOPE : toolName;
    }

    private static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        if (array.isArray()) {
            array.forEach(out::add);
        }
        return out;
    }

    private void map(String canonicalPointer, String rawPointer) {
        positions.put(canonicalPointer, rawPositions.positionOf(rawPointer));
    }

    private void error(DiagnosticCode code, String rawPointer, Object... args) {
        diagnostics.add(Diagnostic.of(code, rawPositions.positionOf(rawPointer), args));
    }
}
