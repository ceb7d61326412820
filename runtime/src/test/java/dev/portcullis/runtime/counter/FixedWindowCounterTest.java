package dev.portcullis.runtime.counter;

import dev.portcullis.runtime.RateLimitDenial;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.portcullis.runtime.counter.TestTimes.DAY;
import static dev.portcullis.runtime.counter.TestTimes.HOUR;
import static dev.portcullis.runtime.counter.TestTimes.MINUTE;
import static dev.portcullis.runtime.counter.TestTimes.SECOND;
import static dev.portcullis.runtime.counter.TestTimes.utc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FixedWindowCounterTest {

    private static FixedWindowCounter counter(long max, long windowMillis) {
        return new FixedWindowCounter(TestTimes.spec(Algorithm.FIXED, max, windowMillis));
    }

    @ParameterizedTest(name = "{0} ms window ends at {2}")
    @CsvSource({
            "60000,    2026-03-01T10:15:59.999Z, 2026-03-01T10:16:00Z",
            "3600000,  2026-03-01T10:59:59.999Z, 2026-03-01T11:00:00Z",
            "86400000, 2026-03-01T23:59:59.999Z, 2026-03-02T00:00:00Z",
            "15000,    2026-03-01T10:15:14.999Z, 2026-03-01T10:15:15Z",
            "7000,     1970-01-01T00:00:06.999Z, 1970-01-01T00:00:07Z",
    })
    void windowsAreAlignedToTheUtcCalendarAndToMultiplesOfTheirLengthSinceTheEpoch(long windowMillis, String lastMilli, String nextWindow) {
        FixedWindowCounter counter = counter(2, windowMillis);
        long end = utc(lastMilli);

        assertThat(counter.tryAcquire("k", 1, end - windowMillis + 1)).isZero(); // first millisecond of the window
        assertThat(counter.tryAcquire("k", 1, end)).isZero();
        assertThat(counter.tryAcquire("k", 1, end)).isEqualTo(1);
        assertThat(counter.tryAcquire("k", 1, utc(nextWindow))).isZero();
        assertThat(counter.count("k", utc(nextWindow))).isEqualTo(1);
    }

    @Test
    void retryAfterRunsToTheEndOfTheWindow() {
        FixedWindowCounter counter = counter(1, DAY);
        long noon = utc("2026-03-01T12:00:00Z");
        counter.tryAcquire("k", 1, noon);

        assertThat(counter.tryAcquire("k", 1, noon)).isEqualTo(12 * HOUR);
        assertThat(counter.tryAcquire("k", 1, utc("2026-03-01T23:59:59Z"))).isEqualTo(SECOND);
    }

    @Test
    void incrementsLargerThanOneAreCountedWhole() {
        FixedWindowCounter counter = counter(10, MINUTE);

        assertThat(counter.tryAcquire("k", 7, 0)).isZero();
        assertThat(counter.tryAcquire("k", 4, 1)).isEqualTo(MINUTE - 1);
        assertThat(counter.tryAcquire("k", 3, 2)).isZero();
        assertThat(counter.count("k", 3)).isEqualTo(10);
    }

    @Test
    void anAmountAboveMaxIsNeverAdmittedAndCreatesNoKey() {
        FixedWindowCounter counter = counter(5, MINUTE);

        assertThat(counter.tryAcquire("k", 6, 0)).isEqualTo(RateLimitDenial.NEVER);
        assertThat(counter.size()).isZero();
    }

    @Test
    void rejectsMisuseClearly() {
        FixedWindowCounter counter = counter(5, MINUTE);

        assertThatThrownBy(() -> counter.tryAcquire("k", 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("amount must be positive, was 0");
        assertThatThrownBy(() -> counter.release("k", -1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> counter.tryAcquire(null, 1, 0)).isInstanceOf(NullPointerException.class).hasMessage("key");
        assertThatThrownBy(() -> new FixedWindowCounter(TestTimes.spec(Algorithm.SLIDING, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is SLIDING, not FIXED");
    }

    @Test
    void releaseGivesQuotaBackInTheSameWindowOnlyAndNeverBelowZero() {
        FixedWindowCounter counter = counter(3, MINUTE);
        counter.tryAcquire("k", 3, 10);

        counter.release("k", 2, 10);
        assertThat(counter.count("k", 20)).isEqualTo(1);
        counter.release("k", 5, 10);
        assertThat(counter.count("k", 20)).isZero();

        counter.tryAcquire("k", 3, 20);
        counter.tryAcquire("k", 3, MINUTE); // next window, full
        counter.release("k", 3, 20);        // its window has passed: nothing comes back
        assertThat(counter.count("k", MINUTE)).isEqualTo(3);
        assertThat(counter.tryAcquire("k", 1, MINUTE)).isEqualTo(MINUTE);
    }

    @Test
    void aCallDatedInAnOlderWindowCountsInTheNewestWindow() {
        FixedWindowCounter counter = counter(2, MINUTE);
        long newest = 5 * MINUTE;
        counter.tryAcquire("k", 1, newest + 10);

        assertThat(counter.tryAcquire("k", 1, newest - 10)).isZero(); // counted in the newest window
        assertThat(counter.count("k", newest + 20)).isEqualTo(2);
        assertThat(counter.tryAcquire("k", 1, newest - 10)).isEqualTo(MINUTE + 10);
        assertThat(counter.count("k", newest - 10)).isEqualTo(2);

        counter.release("k", 1, newest - 10); // its own window is not the newest: stays counted
        assertThat(counter.count("k", newest + 20)).isEqualTo(2);
    }

    @Test
    void evictsKeysWhoseWindowHasEnded() {
        FixedWindowCounter counter = counter(5, MINUTE);
        counter.tryAcquire("old", 1, 0);
        counter.tryAcquire("current", 1, MINUTE);

        counter.evictIdle(MINUTE + 1);

        assertThat(counter.size()).isEqualTo(1);
        assertThat(counter.count("current", MINUTE + 1)).isEqualTo(1);
    }

    @Test
    void aCallDatedBeforeAnEvictionCannotFindAFreshBudgetForTheForgottenWindow() {
        FixedWindowCounter counter = counter(1, MINUTE);
        counter.tryAcquire("k", 1, 10);      // window 0 is full
        counter.evictIdle(3 * MINUTE);       // forgotten

        assertThat(counter.tryAcquire("k", 1, 20)).isZero();                  // counted in window 1
        assertThat(counter.tryAcquire("k", 1, 30)).isEqualTo(2 * MINUTE - 30); // window 1 is full
        assertThat(counter.tryAcquire("k", 1, 2 * MINUTE)).isZero();
    }

    @Test
    void aHugeMaxRestartsTheStateWhenTheWindowNumberNoLongerFits() {
        long max = Long.MAX_VALUE / 2; // leaves one bit for the window
        FixedWindowCounter counter = counter(max, SECOND);
        for (long window = 0; window < 5; window++) {
            long now = window * SECOND + 500;
            assertThat(counter.tryAcquire("k", max, now)).isZero();
            assertThat(counter.tryAcquire("k", 1, now)).isEqualTo(500);
            assertThat(counter.count("k", now)).isEqualTo(max);
        }
        assertThat(counter.size()).isEqualTo(1);
    }

    @Test
    void extremeTimesNeitherThrowNorAdmitTooMuch() {
        FixedWindowCounter counter = counter(1, 7 * SECOND);
        for (long now : new long[] {Long.MIN_VALUE, -1, 0, Long.MAX_VALUE, Long.MIN_VALUE}) {
            long result = counter.tryAcquire("k", 1, now);
            assertThat(result).isGreaterThanOrEqualTo(0);
            assertThat(counter.tryAcquire("k", 1, now)).isPositive();
        }
    }
}
