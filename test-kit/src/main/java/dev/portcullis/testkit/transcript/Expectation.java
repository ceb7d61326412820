package dev.portcullis.testkit.transcript;

import com.google.re2j.Pattern;
import dev.portcullis.runtime.Effect;
import java.util.Objects;

/**
 * What a transcript line expects the policy to decide. A line without {@code expect} expects ALLOW:
 * a recorded transcript claims that the agent's behaviour complies with the policy.
 *
 * @param effect   the expected effect
 * @param rule     the expected rule or counter id ({@code expect_rule}), or {@code null} for any
 * @param reason   a RE2 regular expression that must be found in the reason ({@code expect_reason}), or
 *                 {@code null} for any
 * @param explicit whether the line wrote {@code expect} (false for the implicit ALLOW)
 */
public record Expectation(Effect effect, String rule, Pattern reason, boolean explicit) {

    /** The expectation of a line that says nothing: the call is allowed. */
    public static final Expectation IMPLICIT_ALLOW = new Expectation(Effect.ALLOW, null, null, false);

    public Expectation {
        Objects.requireNonNull(effect, "effect");
    }

    public static Expectation of(Effect effect) {
        return new Expectation(effect, null, null, true);
    }

    public Expectation withRule(String expectedRule) {
        return new Expectation(effect, expectedRule, reason, explicit);
    }

    public Expectation withReason(Pattern expectedReason) {
        return new Expectation(effect, rule, expectedReason, explicit);
    }
}
