package dev.portcullis.runtime;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of evaluating one call.
 *
 * @param effect    what the gateway does
 * @param ruleId    the id of the rule, limit or default that decided; never {@code null}
 * @param reason    a sentence for people (logs, the agent's error message); never {@code null}
 * @param rateLimit the details when a rate limit denied the call, otherwise {@code null}
 */
public record Decision(Effect effect, String ruleId, String reason, RateLimitDenial rateLimit) {

    public Decision {
        Objects.requireNonNull(effect, "effect");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(reason, "reason");
        if (rateLimit != null && effect != Effect.DENY) {
            throw new IllegalArgumentException("only a DENY carries rate-limit details");
        }
    }

    public static Decision allow(String ruleId, String reason) {
        return new Decision(Effect.ALLOW, ruleId, reason, null);
    }

    public static Decision deny(String ruleId, String reason) {
        return new Decision(Effect.DENY, ruleId, reason, null);
    }

    public static Decision requireApproval(String ruleId, String reason) {
        return new Decision(Effect.REQUIRE_APPROVAL, ruleId, reason, null);
    }

    /** A denial by a rate limit; the rule id is the counter's name. */
    public static Decision rateLimited(RateLimitDenial denial, String reason) {
        return new Decision(Effect.DENY, denial.counter(), reason, denial);
    }

    public boolean isAllowed() {
        return effect == Effect.ALLOW;
    }

    /** The rate-limit details, present only when a limit denied the call. */
    public Optional<RateLimitDenial> rateLimitDenial() {
        return Optional.ofNullable(rateLimit);
    }

    /** The decision a gateway must apply when evaluating a call failed: fail closed. */
    public static Decision evaluationFailed(Throwable cause) {
        String what = cause.getClass().getSimpleName();
        return deny("portcullis.evaluation_error", "policy evaluation failed (" + what + "); denied to fail closed");
    }
}
