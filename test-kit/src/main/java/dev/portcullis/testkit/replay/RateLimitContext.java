package dev.portcullis.testkit.replay;

import dev.portcullis.runtime.Decision;
import dev.portcullis.runtime.RateLimitDenial;
import dev.portcullis.runtime.ToolCall;
import dev.portcullis.runtime.counter.CounterSpec;
import dev.portcullis.testkit.coverage.CallLimit;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a rate-limit refusal leaves out and a person fixing a transcript asks first: whose budget it
 * was, and which window the call fell in. {@code grant=ci-runner; would be the 11th call in the window
 * 2026-11-26T10:00:00Z-10:01:00Z}.
 */
public final class RateLimitContext {

    private static final long DAY = 86_400_000L;

    private RateLimitContext() {
    }

    /**
     * The context of {@code decision} for {@code call}, when the decision is a rate-limit refusal by
     * one of {@code limits} whose budget and keying are known.
     */
    public static Optional<String> of(Decision decision, ToolCall call, List<CallLimit> limits) {
        RateLimitDenial denial = decision.rateLimit();
        if (denial == null) {
            return Optional.empty();
        }
        for (CallLimit limit : limits) {
            if (limit.counter().equals(denial.counter()) && limit.budget().isPresent() && limit.keying().isPresent()) {
                return Optional.of(limit.keying().get().describe(call) + "; "
                        + usage(denial, limit.amount(call.arguments())) + window(limit.budget().get(), call.timeMillis()));
            }
        }
        return Optional.empty();
    }

    private static String usage(RateLimitDenial denial, long amount) {
        if (amount == 1 && denial.count() < Long.MAX_VALUE) {
            return "would be the " + ordinal(denial.count() + 1) + " call";
        }
        return "a call of " + amount + " with " + denial.count() + " of " + denial.max() + " used";
    }

    /** The window the call was counted in, for the algorithms that have one. */
    private static String window(CounterSpec budget, long timeMillis) {
        long length = budget.windowMillis();
        return switch (budget.algorithm()) {
            case FIXED -> {
                long start = Math.floorDiv(timeMillis, length) * length;
                yield " in the window " + interval(start, start + length);
            }
            case SLIDING -> " in the window " + interval(timeMillis - length, timeMillis);
            case TOKEN_BUCKET -> " with the bucket empty";
        };
    }

    /** {@code 2026-11-26T10:00:00Z-10:01:00Z}; the end in full too when it falls on another day. */
    static String interval(long startMillis, long endMillis) {
        Instant start = Instant.ofEpochMilli(startMillis);
        Instant end = Instant.ofEpochMilli(endMillis);
        boolean sameDay = Math.floorDiv(startMillis, DAY) == Math.floorDiv(endMillis, DAY);
        String endText = end.toString();
        return start + "-" + (sameDay ? endText.substring(endText.indexOf('T') + 1) : endText);
    }

    static String ordinal(long n) {
        long lastTwo = n % 100;
        String suffix = lastTwo >= 11 && lastTwo <= 13 ? "th" : switch ((int) (n % 10)) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }
}
