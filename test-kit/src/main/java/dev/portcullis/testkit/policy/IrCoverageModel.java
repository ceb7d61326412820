package dev.portcullis.testkit.policy;

import dev.portcullis.compiler.ir.DefaultPosture;
import dev.portcullis.compiler.ir.EntryAction;
import dev.portcullis.compiler.ir.Limit;
import dev.portcullis.compiler.ir.Policy;
import dev.portcullis.compiler.ir.Rule;
import dev.portcullis.compiler.ir.ToolEntry;
import dev.portcullis.compiler.ir.ToolSelector;
import dev.portcullis.testkit.coverage.CoverageItem;
import dev.portcullis.testkit.coverage.PolicyCoverageModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The coverage items of a policy, read from its IR, with the ids its decisions name: entries
 * ({@code tools.<key>}, when they can decide), rules and conditions ({@code tools.x.require[0]},
 * {@code tools.x.deny_if[1]}, Intercept rule names), limits (the counter's name, charged by every allowed
 * call of the tools its entries select), {@code hide} and {@code default}.
 */
public final class IrCoverageModel {

    private IrCoverageModel() {
    }

    public static PolicyCoverageModel of(Policy policy) {
        List<CoverageItem> items = new ArrayList<>();
        Map<String, List<String>> limitTools = new LinkedHashMap<>();
        Map<String, String> limitBudgets = new LinkedHashMap<>();
        for (ToolEntry entry : policy.entries()) {
            boolean allTools = entry.selector() instanceof ToolSelector.AllTools;
            // all_tools names allowed calls only through the tool's own entry or the default
            if (!allTools || entry.action() != EntryAction.ALLOW) {
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
        return PolicyCoverageModel.of(items);
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
