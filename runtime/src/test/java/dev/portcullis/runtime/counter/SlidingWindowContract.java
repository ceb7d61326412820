package dev.portcullis.runtime.counter;

import dev.portcullis.runtime.RateLimitDenial;
import org.junit.jupiter.api.Test;

import static dev.portcullis.runtime.counter.TestTimes.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every exact sliding window does, whatever its layout: {@link SlidingWindowCounterTest} (one
 * slot per unit, lock-free) and {@link SlidingLogCounterTest} (a weighted log) run these alike.
 */
abstract class SlidingWindowContract {

    static final long T = 1_700_000_000_000L;

    abstract RateCounter sliding(long max, long windowMillis);

    @Test
    void noIntervalOfTheWindowsLengthHoldsMoreThanMax() {
        RateCounter counter = sliding(3, SECOND);
        assertThat(counter.tryAcquire("k", 1, T)).isZero();
        assertThat(counter.tryAcquire("k", 1, T + 100)).isZero();
        assertThat(counter.tryAcquire("k", 1, T + 200)).isZero();

        assertThat(counter.tryAcquire("k", 1, T + 300)).isEqualTo(700);
        assertThat(counter.tryAcquire("k", 1, T + 999)).isEqualTo(1);
        assertThat(counter.tryAcquire("k", 1, T + 1000)).isZero();  // the call at T has left (T, T + 1000]
        assertThat(counter.tryAcquire("k", 1, T + 1000)).isEqualTo(100);
    }

    @Test
    void retryAfterWaitsUntilEnoughOfTheOldestCallsHaveLeft() {
        RateCounter counter = sliding(10, SECOND);
        counter.tryAcquire("k", 2, T);
        counter.tryAcquire("k", 4, T + 100);
        counter.tryAcquire("k", 4, T + 500);

        assertThat(counter.tryAcquire("k", 5, T + 600)).isEqualTo(500); // both T and T + 100 must leave
        assertThat(counter.tryAcquire("k", 2, T + 600)).isEqualTo(400);
        assertThat(counter.tryAcquire("k", 11, T + 600)).isEqualTo(RateLimitDenial.NEVER);
        assertThat(counter.count("k", T + 600)).isEqualTo(10);
        assertThat(counter.count("k", T + 1050)).isEqualTo(8);
    }

    @Test
    void releaseGivesBackQuotaStillInTheWindowOnly() {
        RateCounter counter = sliding(3, SECOND);
        counter.tryAcquire("k", 3, T);
        counter.release("k", 2, T);
        assertThat(counter.tryAcquire("k", 2, T + 10)).isZero();
        assertThat(counter.tryAcquire("k", 1, T + 10)).isEqualTo(990);

        counter.tryAcquire("k", 3, T + 2000);
        counter.release("k", 3, T + 10); // long expired: nothing comes back
        assertThat(counter.count("k", T + 2000)).isEqualTo(3);
        counter.release("k", 5, T + 2000);
        assertThat(counter.count("k", T + 2000)).isZero();
    }

    @Test
    void aCallDatedBeforeTheLatestCallIsTreatedAsMadeThen() {
        RateCounter counter = sliding(2, SECOND);
        counter.tryAcquire("k", 1, T + 500);

        assertThat(counter.tryAcquire("k", 1, T + 400)).isZero();
        assertThat(counter.tryAcquire("k", 1, T + 400)).isEqualTo(1100); // both are counted at T + 500
        assertThat(counter.count("k", T + 1499)).isEqualTo(2);
        assertThat(counter.count("k", T + 1500)).isZero();
    }

    @Test
    void aDeniedLaterCallMovesTheKeysTimeSoEarlierCallsCannotUseExpiredRoom() {
        RateCounter counter = sliding(1, SECOND);
        counter.tryAcquire("k", 1, T);
        counter.tryAcquire("k", 1, T + 2000); // admitted: T has left
        assertThat(counter.tryAcquire("k", 1, T + 2500)).isEqualTo(500);
        assertThat(counter.tryAcquire("k", 1, T + 1500)).isEqualTo(1500);
    }

    @Test
    void evictsAKeyOnceAWholeWindowHasPassedSinceItsLatestCall() {
        RateCounter counter = sliding(1, SECOND);
        counter.tryAcquire("k", 1, T);
        counter.evictIdle(T + SECOND - 1);
        assertThat(counter.size()).isEqualTo(1);
        counter.evictIdle(T + SECOND);
        assertThat(counter.size()).isZero();

        assertThat(counter.tryAcquire("k", 1, T + 10)).isZero(); // counted at T + 1 s, when the key was forgotten
        assertThat(counter.tryAcquire("k", 1, T + 20)).isEqualTo(2 * SECOND - 20);
        counter.release("k", 1, T);                              // from before the eviction: nothing to give
        assertThat(counter.count("k", T + SECOND)).isEqualTo(1);
    }

    @Test
    void extremeTimesNeitherThrowNorAdmitTooMuch() {
        RateCounter counter = sliding(1, 7 * SECOND);
        for (long now : new long[] {Long.MIN_VALUE, -1, 0, Long.MAX_VALUE - 3, Long.MAX_VALUE}) {
            assertThat(counter.tryAcquire("k", 1, now)).isNotNegative();
            assertThat(counter.tryAcquire("k", 1, now)).isPositive();
            assertThat(counter.count("k", now)).isEqualTo(1);
        }
    }
}
