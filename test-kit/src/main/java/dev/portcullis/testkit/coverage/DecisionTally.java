package dev.portcullis.testkit.coverage;

import java.util.Map;

/**
 * What decided a transcript's calls, for coverage.
 *
 * @param byRule             decisions per rule id (every effect)
 * @param rateLimitsByCounter denials per counter that ran out of room
 * @param allowedByTool      allowed calls per tool (each charged every limit that applies to it)
 */
public record DecisionTally(Map<String, Long> byRule, Map<String, Long> rateLimitsByCounter, Map<String, Long> allowedByTool) {

    public DecisionTally {
        byRule = Map.copyOf(byRule);
        rateLimitsByCounter = Map.copyOf(rateLimitsByCounter);
        allowedByTool = Map.copyOf(allowedByTool);
    }

    public static final DecisionTally EMPTY = new DecisionTally(Map.of(), Map.of(), Map.of());
}
