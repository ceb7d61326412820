package dev.portcullis.runtime.eval;

import dev.portcullis.runtime.RateLimitDenial;
import java.math.BigDecimal;
import java.util.List;

/**
 * The words of decisions that depend on the call (its tool, a counter's state, an argument). Rule
 * reasons are static and rendered once by the compiler. The interpreter and compiled policies both
 * build their reasons here, so every evaluator of a policy produces exactly the same sentences.
 */
public final class DecisionTexts {

    private static final int SHOWN_TEXT_LENGTH = 40;

    private DecisionTexts() {
    }

    public static String hidden(String tool) {
        return "Tool " + quote(tool) + " is hidden by policy";
    }

    public static String notPermitted(String tool) {
        return "Tool " + quote(tool) + " is not permitted by policy";
    }

    public static String allowedByDefault(String tool) {
        return "Tool " + quote(tool) + " has no entry; allowed by default";
    }

    /**
     * {@code limit c: 10 per minute per grant reached (10/10); retry after 48 s}, after the limit's
     * {@code on_deny} when it has one.
     *
     * @param counter    the counter's name
     * @param budgetText the budget in words ({@code 10 per minute per grant})
     * @param onDeny     the limit's own reason, or {@code null}
     */
    public static String rateLimited(String counter, String budgetText, long max, String onDeny, long amount,
                                     RateLimitDenial denial) {
        return new RateLimitedReason(counter, budgetText, max, onDeny, amount).of(denial);
    }

    /**
     * {@link #rateLimited} for a limit whose counter, budget, {@code on_deny} and amount are fixed: the
     * fixed words are joined once, so that each refusal joins only its count and its wait.
     */
    public static RateLimitedReason rateLimitedReason(String counter, String budgetText, long max, String onDeny, long amount) {
        return new RateLimitedReason(counter, budgetText, max, onDeny, amount);
    }

    /** A limit's refusal words, the fixed ones joined once around the count and the wait of each refusal. */
    public static final class RateLimitedReason {

        private final String counter;
        private final String budgetText;
        private final long max;
        private final String onDeny;
        private final long amount;
        private final String beforeCount;
        private final String beforeWait;
        private final String afterWait;

        private RateLimitedReason(String counter, String budgetText, long max, String onDeny, long amount) {
            this.counter = counter;
            this.budgetText = budgetText;
            this.max = max;
            this.onDeny = onDeny;
            this.amount = amount;
            String open = onDeny == null ? "" : onDeny + " (";
            beforeCount = open + "limit " + counter + ": " + budgetText + " reached (";
            beforeWait = "/" + max + needs(amount) + "); retry after ";
            afterWait = onDeny == null ? " s" : " s)";
        }

        /** The reason of a refusal by this limit: {@link DecisionTexts#rateLimited}. */
        public String of(RateLimitDenial denial) {
            if (denial.retryAfterMillis() == RateLimitDenial.NEVER) {
                String detail = "limit " + counter + ": " + budgetText + " can never admit a call that needs " + amount;
                return onDeny == null ? detail : onDeny + " (" + detail + ")";
            }
            return beforeCount + denial.count() + beforeWait + retrySeconds(denial) + afterWait;
        }
    }

    private static String needs(long amount) {
        return amount == 1 ? "" : ", this call needs " + amount;
    }

    /** The wait in whole seconds, rounded up. */
    private static long retrySeconds(RateLimitDenial denial) {
        return denial.retryAfterMillis() / 1_000L + (denial.retryAfterMillis() % 1_000L == 0 ? 0 : 1);
    }

    /**
     * Why a limit's {@code increment_from} value cannot be charged; the call is denied to fail closed.
     *
     * @param limitId the limit's id (its counter's name)
     * @param path    the {@code increment_from} path as written ({@code args.amount})
     * @param problem from {@link IncrementAmounts#problem}
     */
    public static String unusableIncrement(String limitId, String path, String problem) {
        return "limit " + limitId + ": increment_from " + path + " " + problem + "; denied to fail closed";
    }

    /** A short rendering of an argument value for messages. */
    public static String show(Object value) {
        if (value instanceof String s) {
            return quote(s.length() <= SHOWN_TEXT_LENGTH ? s : s.substring(0, SHOWN_TEXT_LENGTH) + "...");
        }
        if (value instanceof BigDecimal || value instanceof Number || value instanceof Boolean) {
            String text = value.toString();
            return text.length() <= SHOWN_TEXT_LENGTH ? text : text.substring(0, SHOWN_TEXT_LENGTH) + "...";
        }
        return value instanceof List<?> ? "a list" : "an object";
    }

    /** JSON string syntax, so a reason shows exactly which text it is about, control characters included. */
    public static String quote(String s) {
        StringBuilder quoted = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
