package dev.portcullis.testkit.replay;

import dev.portcullis.runtime.Decision;
import dev.portcullis.runtime.ToolCall;
import dev.portcullis.testkit.coverage.CallLimit;
import dev.portcullis.testkit.transcript.Expectation;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Compares a decision with what its line expected. */
public final class ExpectationCheck {

    private ExpectationCheck() {
    }

    /** How the decision differs from the expectation, or {@code null} when it matches. */
    public static String mismatch(Expectation expected, Decision actual) {
        return mismatch(expected, actual, Optional.empty());
    }

    /**
     * As {@link #mismatch(Expectation, Decision)}, adding to an unexpected rate-limit refusal whose
     * budget it charged and the window ({@link RateLimitContext}).
     */
    public static String mismatch(Expectation expected, Decision actual, ToolCall call, List<CallLimit> limits) {
        return mismatch(expected, actual, RateLimitContext.of(actual, call, limits));
    }

    private static String mismatch(Expectation expected, Decision actual, Optional<String> context) {
        if (expected.effect() != actual.effect()) {
            return "expected " + expected.effect() + " but was " + actual.effect() + ": " + DecisionText.describe(actual)
                    + context.map(text -> " [" + text + "]").orElse("");
        }
        String ruleProblem = null;
        if (expected.rule() != null && !expected.rule().equals(actual.ruleId())) {
            ruleProblem = "expected rule " + expected.rule() + " but was " + actual.ruleId() + " ("
                    + actual.effect() + ": " + DecisionText.describe(actual) + ")";
        }
        String reasonProblem = null;
        if (expected.reason() != null && !expected.reason().matcher(actual.reason()).find()) {
            reasonProblem = String.format(Locale.ROOT, "expected a reason matching /%s/ but was \"%s\"",
                    expected.reason().pattern(), actual.reason());
        }
        if (ruleProblem != null && reasonProblem != null) {
            return ruleProblem + "; " + reasonProblem;
        }
        return ruleProblem != null ? ruleProblem : reasonProblem;
    }
}
