package dev.portcullis.testkit.coverage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Adds up the tallies of every transcript replayed against one policy into its coverage. */
public final class CoverageCalculator {

    private CoverageCalculator() {
    }

    public static CoverageReport compute(String policy, PolicyCoverageModel model, List<DecisionTally> tallies) {
        Map<String, Long> byRule = new HashMap<>();
        Map<String, Long> rateLimits = new HashMap<>();
        Map<String, Long> limitDecisionsByRule = new HashMap<>();
        Map<String, Long> charged = new HashMap<>();
        for (DecisionTally tally : tallies) {
            tally.byRule().forEach((rule, count) -> byRule.merge(rule, count, Long::sum));
            tally.rateLimitsByCounter().forEach((counter, count) -> rateLimits.merge(counter, count, Long::sum));
            tally.limitDecisionsByRule().forEach((rule, count) -> limitDecisionsByRule.merge(rule, count, Long::sum));
            tally.chargedById().forEach((id, count) -> charged.merge(id, count, Long::sum));
        }
        if (!model.isKnown()) {
            return new CoverageReport(policy, false, seenOnly(byRule, rateLimits), Map.of());
        }
        List<CoverageEntry> entries = new ArrayList<>();
        Map<String, Long> unlisted = new TreeMap<>(byRule);
        for (CoverageItem item : model.items()) {
            unlisted.remove(item.id());
            long decisions = byRule.getOrDefault(item.id(), 0L);
            if (item.kind() == CoverageItem.Kind.RULE) {
                decisions += limitDecisionsByRule.getOrDefault(item.id(), 0L);
            }
            boolean chargeable = item.kind() == CoverageItem.Kind.LIMIT || item.kind() == CoverageItem.Kind.RULE;
            entries.add(new CoverageEntry(item, decisions, chargeable ? charged.getOrDefault(item.id(), 0L) : 0));
        }
        return new CoverageReport(policy, true, entries, unlisted);
    }

    private static List<CoverageEntry> seenOnly(Map<String, Long> byRule, Map<String, Long> rateLimits) {
        Map<String, CoverageEntry> seen = new LinkedHashMap<>();
        new TreeMap<>(byRule).forEach((rule, count) -> {
            CoverageItem item = rateLimits.containsKey(rule)
                    ? CoverageItem.limit(rule, "", List.of())
                    : CoverageItem.rule(rule, "");
            seen.put(rule, new CoverageEntry(item, count, 0));
        });
        return new ArrayList<>(seen.values());
    }
}
