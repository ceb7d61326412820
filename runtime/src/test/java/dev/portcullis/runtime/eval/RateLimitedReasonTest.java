package dev.portcullis.runtime.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.runtime.RateLimitDenial;
import org.junit.jupiter.api.Test;

/** The words of a rate-limit refusal, the same whether joined per call or from a limit's fixed words. */
class RateLimitedReasonTest {

    private static RateLimitDenial denial(long count, long retryAfterMillis) {
        return new RateLimitDenial("exports", 10, 60_000, count, retryAfterMillis);
    }

    @Test
    void aRefusalSaysTheBudgetTheCountAndTheWaitInWholeSecondsRoundedUp() {
        assertThat(DecisionTexts.rateLimited("exports", "10 per minute per grant", 10, null, 1, denial(10, 48_000)))
                .isEqualTo("limit exports: 10 per minute per grant reached (10/10); retry after 48 s");
        assertThat(DecisionTexts.rateLimited("exports", "10 per minute", 10, null, 1, denial(10, 1)))
                .isEqualTo("limit exports: 10 per minute reached (10/10); retry after 1 s");
        assertThat(DecisionTexts.rateLimited("exports", "10 per minute", 10, null, 1, denial(10, 1_001)))
                .isEqualTo("limit exports: 10 per minute reached (10/10); retry after 2 s");
    }

    @Test
    void theLimitsOwnReasonComesFirstAndAnAmountAboveOneIsNamed() {
        assertThat(DecisionTexts.rateLimited("spend", "100 per hour", 100, "too much spent", 30, denial(80, 5_000)))
                .isEqualTo("too much spent (limit spend: 100 per hour reached (80/100, this call needs 30); retry after 5 s)");
    }

    @Test
    void aCallLargerThanTheWholeBudgetIsToldNoWaitHelps() {
        assertThat(DecisionTexts.rateLimited("spend", "100 per hour", 100, null, 101, denial(0, RateLimitDenial.NEVER)))
                .isEqualTo("limit spend: 100 per hour can never admit a call that needs 101");
        assertThat(DecisionTexts.rateLimited("spend", "100 per hour", 100, "no", 101, denial(0, RateLimitDenial.NEVER)))
                .isEqualTo("no (limit spend: 100 per hour can never admit a call that needs 101)");
    }

    @Test
    void aLimitsJoinedWordsServeEveryRefusalWithItsOwnCountAndWait() {
        DecisionTexts.RateLimitedReason reason = DecisionTexts.rateLimitedReason("exports", "10 per minute", 10, null, 1);
        assertThat(reason.of(denial(10, 48_000))).isEqualTo("limit exports: 10 per minute reached (10/10); retry after 48 s");
        assertThat(reason.of(denial(9, 2_500))).isEqualTo("limit exports: 10 per minute reached (9/10); retry after 3 s");
    }
}
