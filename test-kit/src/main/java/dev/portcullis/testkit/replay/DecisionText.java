package dev.portcullis.testkit.replay;

import dev.portcullis.runtime.Decision;
import dev.portcullis.runtime.RateLimitDenial;

/** Decisions, windows and durations in words, the same in every report. */
public final class DecisionText {

    private static final long SECOND = 1000;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;

    private DecisionText() {
    }

    /**
     * The decision's reason, followed by what it leaves out: the rule or counter id when the reason does not
     * contain it, and for a rate limit whose reason does not say when to retry, its usage and the retry.
     * {@code too many exports (limit export_rate: 10 of 10 per minute used, retry after 48 s)}
     */
    public static String describe(Decision decision) {
        String reason = decision.reason();
        StringBuilder extras = new StringBuilder();
        RateLimitDenial limit = decision.rateLimit();
        if (!reason.contains(decision.ruleId())) {
            extras.append(limit != null ? "limit " : "rule ").append(decision.ruleId());
        }
        // a reason that already says when to retry has said everything about the limit
        if (limit != null && !reason.contains("retry")) {
            extras.append(extras.length() == 0 ? "" : ": ")
                    .append(limit.count()).append(" of ").append(limit.max()).append(" per ")
                    .append(window(limit.windowMillis())).append(" used, ").append(retry(limit.retryAfterMillis()));
        }
        return extras.length() == 0 ? reason : reason + " (" + extras + ")";
    }

    /** {@code retry after 48 s}, or that no wait helps. */
    public static String retry(long retryAfterMillis) {
        if (retryAfterMillis == RateLimitDenial.NEVER) {
            return "no retry can succeed: the call needs more than the whole budget";
        }
        return "retry after " + duration(retryAfterMillis);
    }

    /** {@code minute} for 60,000 ms, {@code 90 s} for 90,000 ms. */
    public static String window(long millis) {
        if (millis == SECOND) {
            return "second";
        }
        if (millis == MINUTE) {
            return "minute";
        }
        if (millis == HOUR) {
            return "hour";
        }
        if (millis == DAY) {
            return "day";
        }
        return duration(millis);
    }

    /** A duration as people read it, rounded up to whole seconds: {@code 350 ms}, {@code 48 s}, {@code 5 min 1 s}, {@code 3 h}. */
    public static String duration(long millis) {
        if (millis < SECOND) {
            return millis + " ms";
        }
        long seconds = ceilDiv(millis, SECOND);
        if (seconds < 120) {
            return seconds + " s";
        }
        if (seconds < 2 * 3600) {
            return seconds % 60 == 0 ? seconds / 60 + " min" : seconds / 60 + " min " + seconds % 60 + " s";
        }
        long minutes = ceilDiv(seconds, 60);
        return minutes % 60 == 0 ? minutes / 60 + " h" : minutes / 60 + " h " + minutes % 60 + " min";
    }

    private static long ceilDiv(long value, long unit) {
        return -Math.floorDiv(-value, unit);
    }
}
