package dev.portcullis.compiler.dsl;

import dev.portcullis.compiler.source.JsonPointers;
import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import dev.portcullis.compiler.diagnostic.Suggestions;
import dev.portcullis.compiler.dsl.grammar.PolicyParser;
import dev.portcullis.compiler.frontend.FrontEndResult;
import dev.portcullis.compiler.frontend.PolicyFrontEnd;
import dev.portcullis.compiler.source.SourceMap;
import dev.portcullis.compiler.source.SourcePosition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds one canonical document from a policy file and the files it includes, in statement order:
 * included files are merged where their {@code include} stands. Owns the checks that need the
 * whole policy (duplicate tools and counters across files, counter references, state paths).
 */
final class PolicyAssembler {

    /** Deep enough for any sensible layering; stops runaway chains of distinct files. */
    static final int MAX_INCLUDE_DEPTH = 32;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final IncludeResolver includes;
    private final DslParser parser;
    private final PolicyFrontEnd json;
    private final SourceMap sourceMap;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final CounterBook counters = new CounterBook();
    private final List<ConditionLowering.StateReference> stateReferences = new ArrayList<>();

    private final Deque<String> includeStack = new ArrayDeque<>();
    private final Set<String> included = new HashSet<>();

    private String name;
    private SourcePosition nameAt;
    private String description;
    private SourcePosition descriptionAt;
    private String posture;
    private SourcePosition postureAt;
    private final ArrayNode hide = NODES.arrayNode();
    private final ObjectNode counterDefinitions = NODES.objectNode();
    private ObjectNode allTools;
    private SourcePosition allToolsAt;
    private final ObjectNode tools = NODES.objectNode();
    private final Map<String, SourcePosition> toolPositions = new HashMap<>();

    PolicyAssembler(String rootFile, IncludeResolver includes, DslParser parser, PolicyFrontEnd json) {
        this.includes = includes;
        this.parser = parser;
        this.json = json;
        this.sourceMap = new SourceMap(rootFile);
    }

    SourceMap sourceMap() {
        return sourceMap;
    }

    List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    /** The text of every file read, by name, for rendering diagnostics with their source lines. */
    Map<String, String> sources() {
        return sources;
    }

    /** Reads the root file, written in the DSL; returns false when it could not be parsed. */
    boolean addRoot(ParsedFile parsed) {
        included.add(parsed.file());
        return add(parsed, true);
    }

    private boolean add(ParsedFile parsed, boolean root) {
        if (parsed.text() != null) {
            sources.put(parsed.file(), parsed.text());
        }
        diagnostics.addAll(parsed.diagnostics());
        if (!parsed.parsed()) {
            return false;
        }
        includeStack.push(parsed.file());
        try {
            if (parsed.tree() instanceof PolicyParser.JsonDocumentContext document) {
                includeJson(parsed, document);
            } else {
                FileLowering lowering = new FileLowering(new LoweringScope(parsed.file(), sourceMap, diagnostics));
                for (PolicyParser.StatementContext statement : ((PolicyParser.DslDocumentContext) parsed.tree()).statement()) {
                    statement(statement, lowering, root);
                }
            }
        } finally {
            includeStack.pop();
        }
        return true;
    }

    /** The lowerings of one file, sharing its scope. */
    private final class FileLowering {
        final LoweringScope scope;
        final JsonLowering json;
        final ConditionLowering conditions;
        final LimitLowering limits;
        final EntryLowering entries;

        FileLowering(LoweringScope scope) {
            this.scope = scope;
            this.json = new JsonLowering(scope);
            this.conditions = new ConditionLowering(scope, json, stateReferences);
            this.limits = new LimitLowering(scope, json, conditions, counters);
            this.entries = new EntryLowering(scope, json, conditions, limits, counters);
        }
    }

    private void statement(PolicyParser.StatementContext statement, FileLowering lowering, boolean root) {
        LoweringScope scope = lowering.scope;
        SourcePosition at = scope.at(statement);
        if (statement instanceof PolicyParser.PolicyStatementContext policy) {
            // An included file's name and description describe the fragment, not the policy.
            if (root) {
                if (nameAt != null) {
                    scope.error(DiagnosticCode.DSL_DUPLICATE_SETTING, at, "the policy name", nameAt);
                } else {
                    name = scope.text(policy.text());
                    nameAt = at;
                    scope.mark("/name", policy);
                }
            }
        } else if (statement instanceof PolicyParser.DescriptionStatementContext text) {
            if (root) {
                if (descriptionAt != null) {
                    scope.error(DiagnosticCode.DSL_DUPLICATE_SETTING, at, "the description", descriptionAt);
                } else {
                    description = scope.string(text.STRING());
                    descriptionAt = at;
                    scope.mark("/description", text);
                }
            }
        } else if (statement instanceof PolicyParser.DefaultStatementContext defaults) {
            setPosture(defaults.posture.getText(), at, scope);
            scope.mark("/default", defaults);
        } else if (statement instanceof PolicyParser.HideStatementContext hidden) {
            for (PolicyParser.ToolKeyContext key : hidden.toolKey()) {
                scope.mark(JsonPointers.child("/hide", hide.size()), key);
                hide.add(toolKey(key, scope));
            }
        } else if (statement instanceof PolicyParser.IncludeStatementContext include) {
            include(scope.string(include.STRING()), at, scope);
        } else if (statement instanceof PolicyParser.CounterStatementContext counter) {
            String counterName = scope.text(counter.text());
            SourcePosition nameAt = scope.at(counter.text());
            SourcePosition earlier = counters.declare(counterName, nameAt);
            if (earlier != null) {
                scope.error(DiagnosticCode.DSL_DUPLICATE_COUNTER, nameAt, counterName, earlier);
                return;
            }
            String pointer = JsonPointers.child("/counters", counterName);
            scope.mark(pointer, counter.text());
            counterDefinitions.set(counterName, lowering.limits.counter(counter.counterDefinition(), pointer));
        } else if (statement instanceof PolicyParser.ToolStatementContext tool) {
            for (PolicyParser.ToolKeyContext keyContext : tool.toolKey()) {
                String key = toolKey(keyContext, scope);
                SourcePosition keyAt = scope.at(keyContext);
                SourcePosition earlier = toolPositions.putIfAbsent(key, keyAt);
                if (earlier != null) {
                    scope.error(DiagnosticCode.DSL_DUPLICATE_TOOL, keyAt, key, earlier);
                    continue;
                }
                String pointer = JsonPointers.child("/tools", key);
                tools.set(key, lowering.entries.entry(tool.entryBody(), key, pointer));
                scope.mark(pointer, keyContext);
            }
        } else {
            PolicyParser.AllToolsStatementContext all = (PolicyParser.AllToolsStatementContext) statement;
            if (allToolsAt != null) {
                scope.error(DiagnosticCode.DSL_DUPLICATE_SETTING, at, "'all tools'", allToolsAt);
                return;
            }
            allToolsAt = at;
            allTools = lowering.entries.entry(all.entryBody(), DslNames.ALL_TOOLS_OWNER, "/all_tools");
            scope.mark("/all_tools", all);
        }
    }

    private void setPosture(String value, SourcePosition at, LoweringScope scope) {
        if (postureAt == null) {
            posture = value;
            postureAt = at;
        } else if (!posture.equals(value)) {
            scope.error(DiagnosticCode.DSL_CONFLICTING_DEFAULT, at, value, posture, postureAt);
        }
    }

    private static String toolKey(PolicyParser.ToolKeyContext key, LoweringScope scope) {
        return key.STRING() != null ? scope.string(key.STRING()) : LoweringScope.dotted(key.toolWord());
    }

    private void include(String target, SourcePosition at, LoweringScope scope) {
        String resolved;
        try {
            resolved = includes.resolve(scope.file(), target);
        } catch (InvalidPathException e) {
            scope.error(DiagnosticCode.DSL_INCLUDE_UNREADABLE, at, target, "not a valid path");
            return;
        }
        if (includeStack.contains(resolved)) {
            List<String> cycle = new ArrayList<>(includeStack);
            java.util.Collections.reverse(cycle);
            cycle = cycle.subList(cycle.indexOf(resolved), cycle.size());
            scope.error(DiagnosticCode.DSL_INCLUDE_CYCLE, at, String.join(" -> ", cycle) + " -> " + resolved);
            return;
        }
        if (!included.add(resolved)) {
            return;
        }
        if (includeStack.size() >= MAX_INCLUDE_DEPTH) {
            scope.error(DiagnosticCode.DSL_INCLUDE_TOO_DEEP, at, MAX_INCLUDE_DEPTH);
            return;
        }
        byte[] content;
        try {
            content = includes.read(resolved);
        } catch (IncludeResolver.IncludesDisabledException e) {
            scope.error(DiagnosticCode.DSL_INCLUDE_UNAVAILABLE, at, target);
            return;
        } catch (IOException | RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            scope.error(DiagnosticCode.DSL_INCLUDE_UNREADABLE, at, target, reason);
            return;
        }
        ParsedFile parsed = parser.parse(resolved, content);
        if (parsed.text() != null && !PolicyShape.startsLikeAPolicy(parsed.text())) {
            scope.error(DiagnosticCode.DSL_INCLUDE_NOT_A_POLICY, at, target);
            return;
        }
        add(parsed, false);
    }

    /**
     * An included JSON document means what it means as a {@code .json} file, so the JSON front end
     * reads it (PolicyLayer shorthands included); the positions come from the DSL's own reading,
     * whose pointers are the same for every node the JSON front end keeps.
     */
    private void includeJson(ParsedFile parsed, PolicyParser.JsonDocumentContext document) {
        FrontEndResult read = json.read(parsed.file(), parsed.json().getBytes(StandardCharsets.UTF_8));
        diagnostics.addAll(read.diagnostics());
        if (read.hasErrors() || read.document().isEmpty() || !read.document().get().tree().isObject()) {
            return;
        }
        Map<String, SourcePosition> positions = new HashMap<>();
        // the JSON front end reports this file's problems; this reading is only for positions
        LoweringScope scope = new LoweringScope(parsed.file(), positions::put, new ArrayList<>());
        new JsonLowering(scope).object(document.jsonObject(), "");
        LoweringScope reporter = new LoweringScope(parsed.file(), sourceMap, diagnostics);
        mergeJson((ObjectNode) read.document().get().tree(), positions, reporter);
    }

    /**
     * An included JSON document: its tools, counters, hidden tools, all_tools and default join the
     * policy, and the positions of what joined move to where it now is.
     */
    private void mergeJson(ObjectNode document, Map<String, SourcePosition> positions, LoweringScope scope) {
        SourcePosition fileAt = SourcePosition.ofFile(scope.file());
        for (Map.Entry<String, JsonNode> field : document.properties()) {
            JsonNode value = field.getValue();
            String fieldPointer = JsonPointers.child("", field.getKey());
            SourcePosition at = positions.getOrDefault(fieldPointer, fileAt);
            switch (field.getKey()) {
                case "$schema", "version", "name", "description" -> { }
                case "default" -> {
                    if (expect(value.isString(), field.getKey(), "a string", at, scope)) {
                        setPosture(value.stringValue(), at, scope);
                        sourceMap.put("/default", at);
                    }
                }
                case "hide" -> {
                    if (expect(value.isArray(), field.getKey(), "an array", at, scope)) {
                        for (int i = 0; i < value.size(); i++) {
                            moveSubtree(positions, JsonPointers.child("/hide", i), JsonPointers.child("/hide", hide.size()));
                            hide.add(value.get(i));
                        }
                    }
                }
                case "counters" -> {
                    if (!expect(value.isObject(), field.getKey(), "an object", at, scope)) {
                        continue;
                    }
                    for (Map.Entry<String, JsonNode> counter : value.properties()) {
                        String pointer = JsonPointers.child("/counters", counter.getKey());
                        SourcePosition counterAt = positions.getOrDefault(pointer, at);
                        SourcePosition earlier = counters.declare(counter.getKey(), counterAt);
                        if (earlier != null) {
                            scope.error(DiagnosticCode.DSL_DUPLICATE_COUNTER, counterAt, counter.getKey(), earlier);
                        } else {
                            counterDefinitions.set(counter.getKey(), counter.getValue());
                            moveSubtree(positions, pointer, pointer);
                        }
                    }
                }
                case "all_tools" -> {
                    if (allToolsAt != null) {
                        scope.error(DiagnosticCode.DSL_DUPLICATE_SETTING, at, "'all tools'", allToolsAt);
                    } else if (expect(value.isObject(), field.getKey(), "an object", at, scope)) {
                        allToolsAt = at;
                        allTools = (ObjectNode) value;
                        moveSubtree(positions, "/all_tools", "/all_tools");
                        counters.useJsonLimits(new CounterBook.Owner(DslNames.ALL_TOOLS_OWNER, "/all_tools"), value, at);
                    }
                }
                case "tools" -> {
                    if (!expect(value.isObject(), field.getKey(), "an object", at, scope)) {
                        continue;
                    }
                    for (Map.Entry<String, JsonNode> tool : value.properties()) {
                        String pointer = JsonPointers.child("/tools", tool.getKey());
                        SourcePosition toolAt = positions.getOrDefault(pointer, at);
                        SourcePosition earlier = toolPositions.putIfAbsent(tool.getKey(), toolAt);
                        if (earlier != null) {
                            scope.error(DiagnosticCode.DSL_DUPLICATE_TOOL, toolAt, tool.getKey(), earlier);
                        } else {
                            tools.set(tool.getKey(), tool.getValue());
                            moveSubtree(positions, pointer, pointer);
                            counters.useJsonLimits(new CounterBook.Owner(tool.getKey(), JsonPointers.child("/tools", tool.getKey())), tool.getValue(), toolAt);
                        }
                    }
                }
                default -> scope.error(DiagnosticCode.DSL_INCLUDED_FIELD_NOT_MERGEABLE, at, field.getKey());
            }
        }
    }

    /** Copies the positions of the subtree at {@code from} (in an included file) to {@code to} in the document. */
    private void moveSubtree(Map<String, SourcePosition> positions, String from, String to) {
        for (Map.Entry<String, SourcePosition> position : positions.entrySet()) {
            String pointer = position.getKey();
            if (pointer.equals(from) || pointer.startsWith(from + "/")) {
                sourceMap.put(to + pointer.substring(from.length()), position.getValue());
            }
        }
    }

    private static boolean expect(boolean ok, String field, String shape, SourcePosition at, LoweringScope scope) {
        if (!ok) {
            scope.error(DiagnosticCode.DSL_INCLUDED_FIELD_MALFORMED, at, field, shape);
        }
        return ok;
    }

    /** The canonical document, after the checks that need the whole policy. */
    ObjectNode finish() {
        LoweringScope root = new LoweringScope(sourceMap.file(), sourceMap, diagnostics);
        counters.check(root);
        checkStateReferences(root);
        ObjectNode document = NODES.objectNode();
        document.put("version", "1");
        if (name != null) {
            document.put("name", name);
        }
        if (description != null) {
            document.put("description", description);
        }
        if (posture != null) {
            document.put("default", posture);
        }
        if (!hide.isEmpty()) {
            document.set("hide", hide);
        }
        if (!counterDefinitions.isEmpty()) {
            document.set("counters", counterDefinitions);
        }
        if (allTools != null) {
            document.set("all_tools", allTools);
        }
        if (!tools.isEmpty()) {
            document.set("tools", tools);
        }
        return document;
    }

    /**
     * {@code state.<tool>.<counter>} reads the counter {@code <tool>.<counter>} (Intercept's
     * naming); one the policy never defines is almost always a typo, and one it defines cannot be read
     * by a condition (the canonical format limits with limits, not conditions): both say what to write.
     */
    private void checkStateReferences(LoweringScope reporter) {
        if (stateReferences.isEmpty()) {
            return;
        }
        Set<String> known = counters.allNames();
        for (ConditionLowering.StateReference reference : stateReferences) {
            String counter = reference.path().substring("state.".length());
            if (known.contains(counter)) {
                // the canonical format has no state conditions: the counter's own max is what limits
                reporter.error(DiagnosticCode.DSL_STATE_CONDITION, reference.position(), counter, reference.path(), counter);
                continue;
            }
            String tool = counter.contains(".") ? counter.substring(0, counter.indexOf('.')) : counter;
            String hint = Suggestions.closest(counter, known).map(c -> "; did you mean 'state." + c + "'?")
                    .or(() -> tool.equals("_global") || toolPositions.containsKey(tool) ? java.util.Optional.empty()
                            : Suggestions.closest(tool, toolPositions.keySet())
                                    .map(t -> "; there is no tool '" + tool + "': did you mean '" + t + "'?"))
                    .orElse("");
            reporter.error(DiagnosticCode.DSL_UNKNOWN_STATE_COUNTER, reference.position(), reference.path(), hint);
        }
    }
}
