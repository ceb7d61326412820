package dev.portcullis.cli.explain;

import dev.portcullis.compiler.ir.DefaultPosture;
import dev.portcullis.compiler.ir.Limit;
import dev.portcullis.compiler.ir.Rule;
import dev.portcullis.compiler.ir.ToolEntry;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a decision, in the order of {@code docs/canonical-format.md} ("Decision order, exactly").
 * A step that decides the call is the last one.
 */
public sealed interface Step {

    /** Step 1: whether {@code hide} names the tool (or holds {@code "*"}). */
    record HiddenCheck(boolean hidden, boolean hideAll) implements Step {
    }

    /**
     * Step 2: the tool's own entry (exact name, else the most specific glob) and {@code all_tools}.
     *
     * @param own        the tool's own entry, if any
     * @param applicable the entries whose checks run, in order (empty when the default denies)
     */
    record EntrySelection(Optional<ToolEntry> own, List<ToolEntry> applicable, DefaultPosture posture) implements Step {
        public EntrySelection {
            Objects.requireNonNull(own, "own");
            applicable = List.copyOf(applicable);
            Objects.requireNonNull(posture, "posture");
        }
    }

    /** Step 3 or 5: an entry's own action; {@code decides} when it denies (step 3) or requires approval (step 5). */
    record EntryActionCheck(ToolEntry entry, boolean decides) implements Step {
    }

    /**
     * Step 4 (deny checks) or 5 (approval rules): one rule and how its condition came out.
     *
     * @param condition the condition's evaluation; empty for a {@code deny} rule, which has none
     * @param decides   whether the rule decided the call (denied it, or required approval)
     */
    record RuleCheck(ToolEntry entry, Rule rule, Optional<ConditionTrace> condition, boolean decides) implements Step {
        public RuleCheck {
            Objects.requireNonNull(entry, "entry");
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(condition, "condition");
        }
    }

    /**
     * Step 6: one limit and its counter.
     *
     * @param key          the key the call is counted under (grant, session, agent, {@code ""}, with the
     *                     {@code per} value); {@code null} when it was not worked out
     * @param amount       what the call takes, or {@code -1} when it is unusable or was not worked out
     * @param countBefore  the count before this call in the current window, or {@code -1} when not read
     * @param outcome      what happened
     * @param retryAfterMillis for {@link LimitOutcome#NO_ROOM}, when a call of this size fits again
     * @param problem      for {@link LimitOutcome#UNUSABLE_INCREMENT}, what is wrong with the value, else {@code null}
     */
    record LimitCheck(Limit limit, String key, long amount, long countBefore, LimitOutcome outcome,
                      long retryAfterMillis, String problem) implements Step {
        public LimitCheck {
            Objects.requireNonNull(limit, "limit");
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /** What step 6 did with a limit. */
    enum LimitOutcome {
        /** The call fits and was counted. */
        CHARGED,
        /** The call fitted, but a later limit had no room, so what it took was given back. */
        GIVEN_BACK,
        /** The call needs nothing from this limit ({@code increment_from} gave 0). */
        NOTHING_TO_CHARGE,
        /** The counter has no room: the call is denied and what was charged before is given back. */
        NO_ROOM,
        /** {@code increment_from} holds no usable amount: the call is denied before any counter is touched. */
        UNUSABLE_INCREMENT,
        /** Not charged because the call was denied by another limit first. */
        NOT_REACHED
    }

    /** Evaluating the call threw: the decision fails closed. */
    record EvaluationFailed(String failure) implements Step {
        public EvaluationFailed {
            Objects.requireNonNull(failure, "failure");
        }
    }
}
