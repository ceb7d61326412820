package dev.portcullis.testkit.assertion;

import com.google.re2j.Pattern;
import dev.portcullis.runtime.Decision;
import dev.portcullis.runtime.RateLimitDenial;
import dev.portcullis.testkit.replay.DecisionText;

/** Further assertions on a decision that passed its first check. */
public final class DecisionAssert {

    private final String call;
    private final Decision decision;

    DecisionAssert(String call, Decision decision) {
        this.call = call;
        this.decision = decision;
    }

    public Decision decision() {
        return decision;
    }

    /** The reason contains a match of this RE2 regular expression (as {@code expect_reason} in transcripts). */
    public DecisionAssert withReasonMatching(String regex) {
        if (!Pattern.compile(regex).matcher(decision.reason()).find()) {
            throw new AssertionError(call + ": expected a reason matching /" + regex + "/ but was \"" + decision.reason() + "\"");
        }
        return this;
    }

    /** A rate-limit denial whose retry-after is this many milliseconds. */
    public DecisionAssert withRetryAfterMillis(long expectedMillis) {
        RateLimitDenial limit = decision.rateLimit();
        if (limit == null || limit.retryAfterMillis() != expectedMillis) {
            throw new AssertionError(call + ": expected retry after " + expectedMillis + " ms but was "
                    + (limit == null ? "no rate-limit denial" : limit.retryAfterMillis() + " ms") + ": " + DecisionText.describe(decision));
        }
        return this;
    }
}
