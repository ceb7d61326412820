package dev.portcullis.compiler.interpret;

import dev.portcullis.compiler.ir.CounterDefinition;
import dev.portcullis.compiler.ir.Limit;
import dev.portcullis.compiler.ir.Value;
import dev.portcullis.runtime.RateLimitDenial;
import java.math.BigDecimal;

/**
 * The reasons of decisions that depend on the call (its tool, a counter's state). Rule reasons are
 * static and already in the IR. Every evaluator of a policy must produce exactly these words.
 */
public final class DecisionReasons {

    private static final int SHOWN_TEXT_LENGTH = 40;

    private DecisionReasons() {
    }

    public static String hidden(String tool) {
        return "Tool " + Value.quote(tool) + " is hidden by policy";
    }

    public static String notPermitted(String tool) {
        return "Tool " + Value.quote(tool) + " is not permitted by policy";
    }

    public static String allowedByDefault(String tool) {
        return "Tool " + Value.quote(tool) + " has no entry; allowed by default";
    }

    /**
     * {@code limit c: 10 per minute per grant reached (10/10); retry after 48 s}, after the limit's
     * {@code on_deny} when it has one.
     */
    public static String rateLimited(Limit limit, long amount, RateLimitDenial denial) {
        CounterDefinition counter = limit.counter();
        String detail;
        if (denial.retryAfterMillis() == RateLimitDenial.NEVER) {
            detail = "limit " + counter.name() + ": " + counter.budgetText() + " can never admit a call that needs "
                    + amount;
        } else {
            String needs = amount == 1 ? "" : ", this call needs " + amount;
            long seconds = denial.retryAfterMillis() / 1_000L + (denial.retryAfterMillis() % 1_000L == 0 ? 0 : 1);
            detail = "limit " + counter.name() + ": " + counter.budgetText() + " reached (" + denial.count() + "/"
                    + counter.max() + needs + "); retry after " + seconds + " s";
        }
        return limit.onDeny().map(onDeny -> onDeny + " (" + detail + ")").orElse(detail);
    }

    /** Why a limit's {@code increment_from} value cannot be charged; the call is denied to fail closed. */
    public static String unusableIncrement(Limit limit, String problem) {
        String path = limit.incrementFrom().map(Object::toString).orElse("increment_from");
        return "limit " + limit.id() + ": increment_from " + path + " " + problem + "; denied to fail closed";
    }

    /** A short rendering of an argument value for messages. */
    static String show(Object value) {
        if (value instanceof String s) {
            return Value.quote(s.length() <= SHOWN_TEXT_LENGTH ? s : s.substring(0, SHOWN_TEXT_LENGTH) + "...");
        }
        if (value instanceof BigDecimal || value instanceof Number || value instanceof Boolean) {
            String text = value.toString();
            return text.length() <= SHOWN_TEXT_LENGTH ? text : text.substring(0, SHOWN_TEXT_LENGTH) + "...";
        }
        return value instanceof java.util.List<?> ? "a list" : "an object";
    }
}
