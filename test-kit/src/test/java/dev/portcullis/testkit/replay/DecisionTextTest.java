package dev.portcullis.testkit.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.runtime.Decision;
import dev.portcullis.runtime.RateLimitDenial;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DecisionTextTest {

    @ParameterizedTest
    @CsvSource({"0, 0 ms", "350, 350 ms", "1000, 1 s", "47001, 48 s", "119000, 119 s", "120000, 2 min",
            "301000, 5 min 1 s", "7199000, 119 min 59 s", "7200000, 2 h", "7260000, 2 h 1 min", "86400000, 24 h"})
    void durations(long millis, String text) {
        assertThat(DecisionText.duration(millis)).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({"1000, second", "60000, minute", "3600000, hour", "86400000, day", "90000, 90 s"})
    void windows(long millis, String text) {
        assertThat(DecisionText.window(millis)).isEqualTo(text);
    }

    @Test
    void aReasonThatNamesItsRuleIsLeftAlone() {
        assertThat(DecisionText.describe(Decision.deny("no_deletes", "no_deletes: deleting is not allowed")))
                .isEqualTo("no_deletes: deleting is not allowed");
    }

    @Test
    void aRateLimitGetsItsUsageAndRetry() {
        RateLimitDenial denial = new RateLimitDenial("export_rate", 10, 60_000, 10, 48_000);
        assertThat(DecisionText.describe(Decision.rateLimited(denial, "too many exports")))
                .isEqualTo("too many exports (limit export_rate: 10 of 10 per minute used, retry after 48 s)");
    }

    @Test
    void aRateLimitReasonThatSaysWhenToRetryIsComplete() {
        RateLimitDenial denial = new RateLimitDenial("export_rate", 10, 60_000, 10, 48_000);
        String reason = "limit export_rate: 10 per minute per grant reached (10/10); retry after 48 s";
        assertThat(DecisionText.describe(Decision.rateLimited(denial, reason))).isEqualTo(reason);
    }

    @Test
    void aCallLargerThanTheBudgetCanNeverBeRetried() {
        RateLimitDenial denial = new RateLimitDenial("spend", 100, 86_400_000, 0, RateLimitDenial.NEVER);
        assertThat(DecisionText.describe(Decision.rateLimited(denial, "spend limit spend reached")))
                .isEqualTo("spend limit spend reached (0 of 100 per day used, no retry can succeed: the call needs more than the whole budget)");
    }
}
