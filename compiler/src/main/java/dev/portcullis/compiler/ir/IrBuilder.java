package dev.portcullis.compiler.ir;

import dev.portcullis.compiler.source.SourceMap;
import dev.portcullis.compiler.source.SourcePosition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

/**
 * Lowers a canonical document (see {@code docs/canonical-format.md}) to the IR, reporting every
 * problem with the position the source map gives. It never throws on a malformed tree: a tree that
 * skipped schema validation gets {@code PC050} diagnostics for what the schema would have rejected,
 * because ignoring, say, a misspelt {@code deny_if} would silently allow calls.
 */
public final class IrBuilder {

    private static final Set<String> DOCUMENT_FIELDS =
            Set.of("$schema", "version", "name", "description", "default", "hide", "counters", "all_tools", "tools");
    private static final Set<String> ENTRY_FIELDS = Set.of("action", "reason", "require", "deny_if", "limits", "rules");
    private static final Set<String> RULE_FIELDS = Set.of("name", "action", "conditions", "on_deny", "limits");
    private static final JsonPointer ROOT = JsonPointer.empty();

    private final BuildContext context;
    private final ConditionBuilder conditions;
    private final CounterResolver counters;

    private IrBuilder(SourceMap sourceMap) {
        this.context = new BuildContext(sourceMap);
        this.conditions = new ConditionBuilder(context);
        this.counters = new CounterResolver(context);
    }

    /**
     * Builds the IR of a canonical document.
     *
     * @param defaultName the policy's name when the document has no {@code name} (the file name
     *                    without extension, by convention)
     */
    public static BuildResult build(JsonNode document, SourceMap sourceMap, String defaultName) {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(sourceMap, "sourceMap");
        Objects.requireNonNull(defaultName, "defaultName");
        IrBuilder builder = new IrBuilder(sourceMap);
        Policy policy = builder.policy(document, defaultName);
        return new BuildResult(policy, builder.context.diagnostics());
    }

    private Policy policy(JsonNode document, String defaultName) {
        if (!context.isObject(document, ROOT, "a policy document")) {
            return new Policy(defaultName, DefaultPosture.ALLOW, Map.of(), false, Map.of(), List.of(), Optional.empty(),
                    Map.of(), context.position(ROOT));
        }
        context.rejectUnknownFields(document, ROOT, "the policy document", DOCUMENT_FIELDS);
        checkVersion(document);
        context.optionalString(document, "description", ROOT);
        String name = context.optionalString(document, "name", ROOT).orElse(defaultName);
        DefaultPosture posture = posture(document);
        Map<String, SourcePosition> hidden = new LinkedHashMap<>();
        boolean hideAll = hidden(document, hidden);
        if (document.has("counters")) {
            counters.declare(document.get("counters"), ROOT.appendProperty("counters"));
        }
        Map<String, ToolEntry> tools = new LinkedHashMap<>();
        List<ToolEntry> globs = new ArrayList<>();
        Optional<ToolEntry> allTools = Optional.empty();
        // entries in document order, so a counter's first definition is the first one in the file
        for (String field : document.propertyNames()) {
            if (field.equals("tools")) {
                toolEntries(document.get(field), tools, globs);
            } else if (field.equals("all_tools")) {
                allTools = entry(new ToolSelector.AllTools(), document.get(field), ROOT.appendProperty(field));
            }
        }
        return new Policy(name, posture, hidden, hideAll, tools, globs, allTools, counters.definitions(),
                context.position(ROOT));
    }

    private void checkVersion(JsonNode document) {
        JsonNode version = document.get("version");
        if (version == null) {
            context.malformed(ROOT, "a policy document needs \"version\": \"1\"");
        } else if (!version.isString() || !version.stringValue().equals("1")) {
            context.malformed(ROOT.appendProperty("version"), "version must be \"1\", got " + BuildContext.show(version));
        }
    }

    private DefaultPosture posture(JsonNode document) {
        Optional<String> posture = context.optionalString(document, "default", ROOT);
        if (posture.isEmpty() || posture.get().equals("allow")) {
            return DefaultPosture.ALLOW;
        }
        if (!posture.get().equals("deny")) {
            context.malformed(ROOT.appendProperty("default"), "default must be \"allow\" or \"deny\", got "
                    + Value.quote(posture.get()) + "; denying unlisted tools to fail closed");
        }
        return DefaultPosture.DENY;
    }

    /** Fills {@code hidden} from {@code hide}; returns whether it hides every tool. */
    private boolean hidden(JsonNode document, Map<String, SourcePosition> hidden) {
        JsonPointer pointer = ROOT.appendProperty("hide");
        List<JsonNode> names = context.optionalArray(document, "hide", ROOT);
        boolean hideAll = false;
        for (int i = 0; i < names.size(); i++) {
            JsonNode name = names.get(i);
            if (!name.isString() || name.stringValue().isBlank()) {
                context.malformed(pointer.appendIndex(i), "a hidden tool must be a non-empty name, got "
                        + BuildContext.show(name));
            } else if (name.stringValue().equals("*")) {
                hideAll = true;
            } else {
                hidden.putIfAbsent(name.stringValue(), context.position(pointer.appendIndex(i)));
            }
        }
        return hideAll;
    }

    private void toolEntries(JsonNode toolsNode, Map<String, ToolEntry> tools, List<ToolEntry> globs) {
        JsonPointer pointer = ROOT.appendProperty("tools");
        if (!context.isObject(toolsNode, pointer, "'tools'")) {
            return;
        }
        toolsNode.forEachEntry((key, node) -> {
            JsonPointer at = pointer.appendProperty(key);
            if (key.isEmpty()) {
                context.malformed(at, "a tool entry needs a non-empty tool name or glob");
            } else if (ToolSelector.ToolGlob.isGlob(key)) {
                entry(new ToolSelector.ToolGlob(key), node, at).ifPresent(globs::add);
            } else {
                entry(new ToolSelector.ExactTool(key), node, at).ifPresent(entry -> tools.put(key, entry));
            }
        });
    }

    private Optional<ToolEntry> entry(ToolSelector selector, JsonNode node, JsonPointer pointer) {
        String id = selector.entryId();
        if (!context.isObject(node, pointer, "entry '" + id + "'")) {
            return Optional.empty();
        }
        context.rejectUnknownFields(node, pointer, "entry '" + id + "'", ENTRY_FIELDS);
        EntryAction action = entryAction(node, pointer);
        Optional<String> reason = context.optionalString(node, "reason", pointer);
        List<Rule> rules = new ArrayList<>();
        List<Limit> limits = new ArrayList<>();
        List<JsonNode> required = context.optionalArray(node, "require", pointer);
        for (int i = 0; i < required.size(); i++) {
            String ruleId = id + ".require[" + i + "]";
            JsonPointer at = pointer.appendProperty("require").appendIndex(i);
            conditions.condition(required.get(i), at).ifPresent(condition -> rules.add(new Rule.Require(ruleId,
                    condition, Reasons.requireFailed(ruleId, condition), context.position(at))));
        }
        List<JsonNode> deniedIf = context.optionalArray(node, "deny_if", pointer);
        for (int i = 0; i < deniedIf.size(); i++) {
            String ruleId = id + ".deny_if[" + i + "]";
            JsonPointer at = pointer.appendProperty("deny_if").appendIndex(i);
            conditions.condition(deniedIf.get(i), at).ifPresent(condition -> rules.add(new Rule.DenyIf(ruleId,
                    condition, Reasons.deniedIf(ruleId, condition), context.position(at))));
        }
        limits(node, pointer, Optional.empty(), Optional.empty(), limits);
        List<JsonNode> ordered = context.optionalArray(node, "rules", pointer);
        for (int i = 0; i < ordered.size(); i++) {
            rule(ordered.get(i), pointer.appendProperty("rules").appendIndex(i), id + ".rules[" + i + "]", rules, limits);
        }
        String actionReason = reason.orElseGet(() -> Reasons.entryAction(action, id));
        return Optional.of(new ToolEntry(selector, action, actionReason, rules, limits, context.position(pointer)));
    }

    private EntryAction entryAction(JsonNode node, JsonPointer pointer) {
        Optional<String> action = context.optionalString(node, "action", pointer);
        if (action.isEmpty()) {
            return EntryAction.ALLOW;
        }
        switch (action.get()) {
            case "allow":
                return EntryAction.ALLOW;
            case "deny":
                return EntryAction.DENY;
            case "require_approval":
                return EntryAction.REQUIRE_APPROVAL;
            default:
                context.malformed(pointer.appendProperty("action"), "an entry's action must be \"allow\", \"deny\" or "
                        + "\"require_approval\", got " + Value.quote(action.get()));
                return EntryAction.DENY;
        }
    }

    private void limits(JsonNode owner, JsonPointer ownerPointer, Optional<String> onDeny, Optional<String> ruleId,
                        List<Limit> limits) {
        List<JsonNode> nodes = context.optionalArray(owner, "limits", ownerPointer);
        for (int i = 0; i < nodes.size(); i++) {
            counters.limit(nodes.get(i), ownerPointer.appendProperty("limits").appendIndex(i), onDeny, ruleId)
                    .ifPresent(limits::add);
        }
    }

    private void rule(JsonNode node, JsonPointer pointer, String fallbackId, List<Rule> rules, List<Limit> limits) {
        if (!context.isObject(node, pointer, "a rule")) {
            return;
        }
        context.rejectUnknownFields(node, pointer, "a rule", RULE_FIELDS);
        Optional<String> name = context.optionalString(node, "name", pointer).filter(n -> !n.isBlank());
        if (name.isEmpty()) {
            context.malformed(pointer, "a rule must have a non-empty 'name' (its id in decisions)");
        }
        String id = name.orElse(fallbackId);
        Optional<String> onDeny = context.optionalString(node, "on_deny", pointer);
        String action = context.optionalString(node, "action", pointer).orElse("evaluate");
        JsonPointer conditionsPointer = pointer.appendProperty("conditions");
        List<JsonNode> conditionNodes = context.optionalArray(node, "conditions", pointer);
        Optional<Condition> condition = conditionNodes.isEmpty()
                ? Optional.of(new Condition.All(List.of(), context.position(pointer)))
                : conditions.conjunction(conditionNodes, conditionsPointer);
        limits(node, pointer, onDeny, Optional.of(id), limits);
        if (condition.isEmpty()) {
            return;
        }
        switch (action) {
            case "evaluate" -> rules.add(new Rule.Require(id, condition.get(),
                    onDeny.orElseGet(() -> Reasons.requireFailed(id, condition.get())), context.position(pointer)));
            case "deny" -> {
                if (!conditionNodes.isEmpty()) {
                    context.malformed(conditionsPointer, "a deny rule takes no conditions (it denies every call it "
                            + "reaches); use deny_if or an evaluate rule");
                }
                rules.add(new Rule.Deny(id, onDeny.orElseGet(() -> Reasons.denied(id)), context.position(pointer)));
            }
            case "require_approval" -> rules.add(new Rule.RequireApproval(id, condition.get(),
                    onDeny.orElseGet(() -> Reasons.approvalRequired(id, condition.get())), context.position(pointer)));
            default -> context.malformed(pointer.appendProperty("action"), "a rule's action must be \"evaluate\", "
                    + "\"deny\" or \"require_approval\", got " + Value.quote(action));
        }
    }
}
