package dev.portcullis.runtime.counter;

import dev.portcullis.runtime.RateLimitDenial;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static dev.portcullis.runtime.counter.TestTimes.SECOND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenBucketCounterTest {

    private static final long T = 1_700_000_000_000L;

    private static TokenBucketCounter bucket(long max, long windowMillis) {
        return new TokenBucketCounter(TestTimes.spec(Algorithm.TOKEN_BUCKET, max, windowMillis));
    }

    @Test
    void startsFullAndRefillsEvenlyOverTheWindow() {
        TokenBucketCounter bucket = bucket(10, SECOND); // one token per 100 ms
        for (int call = 0; call < 10; call++) {
            assertThat(bucket.tryAcquire("k", 1, T)).isZero();
        }
        assertThat(bucket.tryAcquire("k", 1, T)).isEqualTo(100);
        assertThat(bucket.tryAcquire("k", 1, T + 99)).isEqualTo(1);
        assertThat(bucket.tryAcquire("k", 1, T + 100)).isZero();
        assertThat(bucket.tryAcquire("k", 1, T + 100)).isEqualTo(100);
    }

    @Test
    void retryAfterIsTheExactCeilingOfTheMissingTime() {
        TokenBucketCounter bucket = bucket(3, SECOND); // one token per 333.3 ms
        bucket.tryAcquire("k", 3, T);

        assertThat(bucket.tryAcquire("k", 1, T)).isEqualTo(334);
        assertThat(bucket.tryAcquire("k", 1, T + 333)).isEqualTo(1);
        assertThat(bucket.tryAcquire("k", 1, T + 334)).isZero();
        assertThat(bucket.tryAcquire("k", 1, T + 334)).isEqualTo(333); // the second token is due at 666.6 ms
    }

    @Test
    void incrementsLargerThanOneNeedThatManyTokens() {
        TokenBucketCounter bucket = bucket(10, SECOND);
        assertThat(bucket.tryAcquire("k", 5, T)).isZero();
        assertThat(bucket.tryAcquire("k", 5, T)).isZero();

        assertThat(bucket.tryAcquire("k", 3, T + 250)).isEqualTo(50); // 2.5 tokens refilled
        assertThat(bucket.tryAcquire("k", 11, T)).isEqualTo(RateLimitDenial.NEVER);
        assertThat(bucket.count("k", T + 250)).isEqualTo(8); // 7.5 tokens used, rounded up
    }

    @Test
    void anImmediateReleaseIsExact() {
        TokenBucketCounter bucket = bucket(10, SECOND);
        bucket.tryAcquire("k", 10, T);

        bucket.release("k", 4, T);

        assertThat(bucket.tryAcquire("k", 4, T)).isZero();
        assertThat(bucket.tryAcquire("k", 1, T)).isEqualTo(100);
    }

    @Test
    void releaseDoesNotGiveBackTokensThatHaveRefilled() {
        TokenBucketCounter bucket = bucket(10, SECOND);
        bucket.tryAcquire("k", 10, T);
        bucket.tryAcquire("k", 10, T + SECOND); // refilled, emptied again

        bucket.release("k", 10, T);

        assertThat(bucket.tryAcquire("k", 1, T + SECOND)).isEqualTo(100);
    }

    @Test
    void releaseGivesBackOnlyWhatHasNotRefilledSince() {
        TokenBucketCounter bucket = bucket(10, SECOND);
        bucket.tryAcquire("k", 10, T);
        bucket.tryAcquire("k", 1, T + 300); // 3 refilled, 1 taken: 2 left

        bucket.release("k", 10, T);          // 7 of the 10 had not refilled

        assertThat(bucket.tryAcquire("k", 9, T + 300)).isZero();
        assertThat(bucket.tryAcquire("k", 1, T + 300)).isEqualTo(100);
    }

    @Test
    void aCallDatedEarlierSeesTheBucketAsItWasThen() {
        TokenBucketCounter bucket = bucket(10, SECOND);
        bucket.tryAcquire("k", 10, T);
        bucket.tryAcquire("k", 5, T + 500);

        assertThat(bucket.tryAcquire("k", 1, T + 200)).isEqualTo(400);
        assertThat(bucket.count("k", T + 200)).isEqualTo(10);
    }

    @Test
    void aCallDatedBeforeTheKeysOriginIsMeasuredAtTheOrigin() {
        TokenBucketCounter bucket = bucket(10, SECOND);
        bucket.tryAcquire("k", 10, T);

        assertThat(bucket.tryAcquire("k", 1, T - SECOND)).isEqualTo(SECOND + 100);
    }

    @Test
    void evictsAKeyOnceAWholeWindowHasPassedSinceItsLatestCall() {
        TokenBucketCounter bucket = bucket(10, SECOND);
        bucket.tryAcquire("k", 10, T);

        bucket.evictIdle(T + SECOND - 1);
        assertThat(bucket.size()).isEqualTo(1);
        bucket.evictIdle(T + SECOND);
        assertThat(bucket.size()).isZero();

        // forgotten at T + 1 s: a call dated before that is measured at T + 1 s, when the bucket was full
        assertThat(bucket.tryAcquire("k", 10, T + 10)).isZero();
        assertThat(bucket.tryAcquire("k", 1, T + 10)).isEqualTo(SECOND - 10 + 100);
    }

    @Test
    void releaseAfterEvictionGivesNothingToTheNewState() {
        TokenBucketCounter bucket = bucket(10, SECOND);
        bucket.tryAcquire("k", 10, T);
        bucket.evictIdle(T + SECOND);
        bucket.tryAcquire("k", 10, T + SECOND);

        bucket.release("k", 10, T);

        assertThat(bucket.count("k", T + SECOND)).isEqualTo(10);
    }

    @Test
    void movingTheTimeOriginChangesNoDecision() {
        CounterSpec spec = TestTimes.spec(Algorithm.TOKEN_BUCKET, 7, 3 * SECOND);
        TokenBucketCounter usual = new TokenBucketCounter(spec);
        TokenBucketCounter restless = new TokenBucketCounter(spec, 100); // a new origin every 50 ms
        SplittableRandom random = new SplittableRandom(42);
        long now = T;
        for (int call = 0; call < 5_000; call++) {
            now += random.nextInt(-5, 200);
            long amount = random.nextLong(1, 8);
            assertThat(restless.tryAcquire("k", amount, now)).as("call %d", call).isEqualTo(usual.tryAcquire("k", amount, now));
            if (random.nextInt(10) == 0) {
                usual.release("k", amount, now);
                restless.release("k", amount, now);
            }
            assertThat(restless.count("k", now)).isEqualTo(usual.count("k", now));
        }
        assertThat(restless.size()).isEqualTo(1);
    }

    @Test
    void rejectsABudgetBeyondExactIntegerArithmetic() {
        assertThatThrownBy(() -> bucket(1L << 40, (1L << 30) + 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("beyond exact integer arithmetic");
    }

    @Test
    void extremeTimesNeitherThrowNorAdmitTooMuch() {
        TokenBucketCounter bucket = bucket(1, 7 * SECOND);
        for (long now : new long[] {Long.MIN_VALUE, -1, 0, Long.MAX_VALUE, Long.MIN_VALUE}) {
            assertThat(bucket.tryAcquire("k", 1, now)).isNotNegative();
            assertThat(bucket.tryAcquire("k", 1, now)).isPositive();
            assertThat(bucket.count("k", now)).isBetween(0L, 1L);
        }
    }
}
