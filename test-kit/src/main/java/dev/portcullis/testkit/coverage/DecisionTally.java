package dev.portcullis.testkit.coverage;

import java.util.Map;

/**
 * What decided a transcript's calls, for coverage.
 *
 * @param byRule              decisions per rule id (every effect)
 * @param rateLimitsByCounter denials per counter that ran out of room
 * @param limitDecisionsByRule decisions by a limit, per rule that declares the limit (the decision names the counter)
 * @param chargedById         charges allowed calls made to each limit (by counter), and to each rule's limits (by rule id)
 */
public record DecisionTally(Map<String, Long> byRule, Map<String, Long> rateLimitsByCounter,
                            Map<String, Long> limitDecisionsByRule, Map<String, Long> chargedById) {

    public DecisionTally {
        byRule = Map.copyOf(byRule);
        rateLimitsByCounter = Map.copyOf(rateLimitsByCounter);
        limitDecisionsByRule = Map.copyOf(limitDecisionsByRule);
        chargedById = Map.copyOf(chargedById);
    }

    public static final DecisionTally EMPTY = new DecisionTally(Map.of(), Map.of(), Map.of(), Map.of());
}
