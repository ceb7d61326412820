package dev.portcullis.testkit.policy;

import dev.portcullis.compiler.ir.ArgPath;
import dev.portcullis.compiler.ir.CounterDefinition;
import dev.portcullis.compiler.ir.DefaultPosture;
import dev.portcullis.compiler.ir.EntryAction;
import dev.portcullis.compiler.ir.Limit;
import dev.portcullis.compiler.ir.Policy;
import dev.portcullis.compiler.ir.Rule;
import dev.portcullis.compiler.ir.ToolEntry;
import dev.portcullis.compiler.ir.ToolSelector;
import dev.portcullis.testkit.coverage.CallLimit;
import dev.portcullis.testkit.coverage.CallerKeying;
import dev.portcullis.testkit.coverage.CoverageItem;
import dev.portcullis.testkit.coverage.PolicyCoverageModel;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The coverage items of a policy, read from its IR, with the ids its decisions name: entries
 * ({@code tools.<key>}, when they can decide), rules and conditions ({@code tools.x.require[0]},
 * {@code tools.x.deny_if[1]}, Intercept rule names), limits (the counter's name), {@code hide} and
 * {@code default}. A call is charged against the limits of the entries that apply to it, as the
 * interpreter charges them: its own entry's, then {@code all_tools}'; each knows the rule declaring it.
 */
public final class IrCoverageModel implements PolicyCoverageModel {

    private final Policy policy;
    private final List<CoverageItem> items;
    /** Per tool entry, the limits a call it decides is charged against ({@code all_tools}' included). */
    private final Map<ToolEntry, List<CallLimit>> limitsByEntry = new IdentityHashMap<>();
    private final List<CallLimit> allToolsLimits;

    private IrCoverageModel(Policy policy, List<CoverageItem> items) {
        this.policy = policy;
        this.items = List.copyOf(items);
        this.allToolsLimits = policy.allTools().map(IrCoverageModel::callLimits).orElse(List.of());
        for (ToolEntry entry : policy.entries()) {
            List<CallLimit> limits = new ArrayList<>(callLimits(entry));
            if (!(entry.selector() instanceof ToolSelector.AllTools)) {
                limits.addAll(allToolsLimits);
            }
            limitsByEntry.put(entry, List.copyOf(limits));
        }
    }

    @Override
    public List<CoverageItem> items() {
        return items;
    }

    @Override
    public boolean isKnown() {
        return true;
    }

    @Override
    public List<CallLimit> limitsFor(String tool) {
        Optional<ToolEntry> own = policy.entryFor(tool);
        return own.isPresent() ? limitsByEntry.get(own.get()) : allToolsLimits;
    }

    private static CallerKeying keying(CounterDefinition counter) {
        return new CallerKeying(counter.scope(), counter.per().map(ArgPath::text).orElse(null),
                counter.per().map(ArgPath::segments).orElse(List.of()));
    }

    private static List<CallLimit> callLimits(ToolEntry entry) {
        List<CallLimit> limits = new ArrayList<>(entry.limits().size());
        for (Limit limit : entry.limits()) {
            limits.add(new CallLimit(limit.id(), limit.ruleId(), limit.increment(),
                    limit.incrementFrom().map(path -> path.segments()).orElse(List.of()),
                    Optional.of(limit.counter().spec()), Optional.of(keying(limit.counter()))));
        }
        return limits;
    }

    public static PolicyCoverageModel of(Policy policy) {
        List<CoverageItem> items = new ArrayList<>();
        Map<String, List<String>> limitTools = new LinkedHashMap<>();
        Map<String, String> limitBudgets = new LinkedHashMap<>();
        for (ToolEntry entry : policy.entries()) {
            boolean allTools = entry.selector() instanceof ToolSelector.AllTools;
            // all_tools names allowed calls only through the tool's own entry or the default; an entry with an
            // unconditional deny rule never allows a call, so it could never be hit either
            if ((!allTools || entry.action() != EntryAction.ALLOW) && !neverDecides(entry)) {
                items.add(new CoverageItem(entry.id(), CoverageItem.Kind.ENTRY, describe(entry), List.of()));
            }
            for (Rule rule : entry.rules()) {
                items.add(new CoverageItem(rule.id(), isCondition(rule) ? CoverageItem.Kind.CONDITION : CoverageItem.Kind.RULE,
                        rule.reason(), List.of()));
            }
            for (Limit limit : entry.limits()) {
                limitTools.computeIfAbsent(limit.id(), id -> new ArrayList<>()).add(toolPattern(entry.selector()));
                limitBudgets.putIfAbsent(limit.id(), limit.counter().budgetText());
            }
        }
        limitTools.forEach((counter, tools) ->
                items.add(CoverageItem.limit(counter, limitBudgets.get(counter), tools)));
        if (policy.hideAll() || !policy.hiddenTools().isEmpty()) {
            items.add(new CoverageItem("hide", CoverageItem.Kind.DEFAULT, "calls to hidden tools", List.of()));
        }
        items.add(new CoverageItem("default", CoverageItem.Kind.DEFAULT, "calls to tools without an entry (default: "
                + (policy.defaultPosture() == DefaultPosture.DENY ? "deny" : "allow") + ")", List.of()));
        return new IrCoverageModel(policy, items);
    }

    /** Whether every call reaching the entry is decided by one of its rules: it allows none, denies none itself. */
    private static boolean neverDecides(ToolEntry entry) {
        return entry.action() == EntryAction.ALLOW && entry.rules().stream().anyMatch(rule -> rule instanceof Rule.Deny);
    }

    private static boolean isCondition(Rule rule) {
        return (rule instanceof Rule.Require || rule instanceof Rule.DenyIf)
                && (rule.id().contains(".require[") || rule.id().contains(".deny_if["));
    }

    private static String toolPattern(ToolSelector selector) {
        if (selector instanceof ToolSelector.ExactTool exact) {
            return exact.name();
        }
        if (selector instanceof ToolSelector.ToolGlob glob) {
            return glob.pattern();
        }
        return "*";
    }

    private static String describe(ToolEntry entry) {
        String what = entry.selector() instanceof ToolSelector.AllTools ? "every call" : "calls to " + toolPattern(entry.selector());
        return switch (entry.action()) {
            case ALLOW -> what + ", allowed when its checks pass";
            case DENY -> what + ", denied: " + entry.reason();
            case REQUIRE_APPROVAL -> what + ", held for approval: " + entry.reason();
        };
    }
}
