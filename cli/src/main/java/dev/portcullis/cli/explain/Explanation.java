package dev.portcullis.cli.explain;

import dev.portcullis.runtime.Decision;
import dev.portcullis.runtime.ToolCall;
import java.util.List;
import java.util.Objects;

/**
 * Every step of the decision for one call, and the decision.
 *
 * @param policy the policy's name
 */
public record Explanation(String policy, ToolCall call, List<Step> steps, Decision decision) {

    public Explanation {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(call, "call");
        steps = List.copyOf(steps);
        Objects.requireNonNull(decision, "decision");
    }
}
