package dev.portcullis.compiler.ir;

import dev.portcullis.compiler.source.SourcePosition;
import java.util.Objects;

/**
 * One step of an entry's deny checks (decision step 4) or approval checks (step 5), in evaluation
 * order. {@code require[i]}, {@code deny_if[i]} and each Intercept rule become one rule.
 *
 * <p>{@link #reason()} is the complete sentence a decision by this rule carries: the user's
 * {@code on_deny} when given, otherwise generated from the rule.
 */
public sealed interface Rule {

    /** Stable id reported in decisions: the Intercept rule name, or e.g. {@code tools.x.deny_if[0]}. */
    String id();

    String reason();

    SourcePosition position();

    /** Denies every call that reaches it (Intercept {@code action: deny}). */
    record Deny(String id, String reason, SourcePosition position) implements Rule {
        public Deny {
            requireCommon(id, reason, position);
        }
    }

    /** Denies a call unless the condition holds ({@code require[i]}, Intercept {@code evaluate}). */
    record Require(String id, Condition condition, String reason, SourcePosition position) implements Rule {
        public Require {
            requireCommon(id, reason, position);
            Objects.requireNonNull(condition, "condition");
        }
    }

    /** Denies a call when the condition holds ({@code deny_if[i]}). */
    record DenyIf(String id, Condition condition, String reason, SourcePosition position) implements Rule {
        public DenyIf {
            requireCommon(id, reason, position);
            Objects.requireNonNull(condition, "condition");
        }
    }

    /** Requires approval when the condition holds ({@code action: require_approval}); no deny check. */
    record RequireApproval(String id, Condition condition, String reason, SourcePosition position) implements Rule {
        public RequireApproval {
            requireCommon(id, reason, position);
            Objects.requireNonNull(condition, "condition");
        }
    }

    private static void requireCommon(String id, String reason, SourcePosition position) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(position, "position");
    }
}
