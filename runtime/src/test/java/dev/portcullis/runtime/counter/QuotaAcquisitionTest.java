package dev.portcullis.runtime.counter;

import dev.portcullis.runtime.RateLimitDenial;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuotaAcquisitionTest {

    private final RateCounter perGrant = new FixedWindowCounter(new CounterSpec("per-grant", Algorithm.FIXED, 5, 60_000));
    private final RateCounter global = new SlidingWindowCounter(new CounterSpec("global", Algorithm.SLIDING, 3, 60_000));
    private final RateCounter spend = new TokenBucketCounter(new CounterSpec("spend", Algorithm.TOKEN_BUCKET, 100, 60_000));
    private final RateCounter[] counters = {perGrant, global, spend};
    private final String[] keys = {"grant-1", "", "grant-1"};

    @Test
    void admitsWhenEveryLimitHasRoomAndChargesEach() {
        QuotaOutcome outcome = QuotaAcquisition.acquireAll(counters, keys, new long[] {1, 1, 40}, 0);

        assertThat(outcome).isSameAs(QuotaOutcome.ADMITTED);
        assertThat(outcome.isAdmitted()).isTrue();
        assertThat(perGrant.count("grant-1", 0)).isEqualTo(1);
        assertThat(global.count("", 0)).isEqualTo(1);
        assertThat(spend.count("grant-1", 0)).isEqualTo(40);
    }

    @Test
    void aRefusedCallNamesTheLimitAndConsumesNothingAnywhere() {
        QuotaAcquisition.acquireAll(counters, keys, new long[] {1, 1, 90}, 0);

        QuotaOutcome outcome = QuotaAcquisition.acquireAll(counters, keys, new long[] {1, 1, 20}, 0);

        assertThat(outcome.isAdmitted()).isFalse();
        assertThat(outcome.refusedIndex()).isEqualTo(2);
        assertThat(outcome.retryAfterMillis()).isEqualTo(6_000); // 10 tokens at 100 per minute
        assertThat(perGrant.count("grant-1", 0)).isEqualTo(1);
        assertThat(global.count("", 0)).isEqualTo(1);
        assertThat(spend.count("grant-1", 0)).isEqualTo(90);
    }

    @Test
    void anAmountAboveALimitsMaxIsRefusedForever() {
        QuotaOutcome outcome = QuotaAcquisition.acquireAll(counters, keys, new long[] {1, 4, 1}, 0);

        assertThat(outcome).isEqualTo(new QuotaOutcome(1, RateLimitDenial.NEVER));
        assertThat(perGrant.count("grant-1", 0)).isZero();
    }

    @Test
    void releaseAllGivesAWholeReservationBack() {
        long[] amounts = {2, 3, 100};
        QuotaAcquisition.acquireAll(counters, keys, amounts, 1_000);

        QuotaAcquisition.releaseAll(counters, keys, amounts, 1_000);

        assertThat(perGrant.count("grant-1", 1_000)).isZero();
        assertThat(global.count("", 1_000)).isZero();
        assertThat(spend.count("grant-1", 1_000)).isZero();
        assertThat(QuotaAcquisition.acquireAll(counters, keys, amounts, 1_000)).isSameAs(QuotaOutcome.ADMITTED);
    }

    @Test
    void noLimitsAdmitsTrivially() {
        assertThat(QuotaAcquisition.acquireAll(new RateCounter[0], new String[0], new long[0], 0)).isSameAs(QuotaOutcome.ADMITTED);
    }

    @Test
    void rejectsArraysThatAreNotParallelOrAmountsThatAreNotPositive() {
        assertThatThrownBy(() -> QuotaAcquisition.acquireAll(counters, new String[] {"a"}, new long[] {1, 1, 1}, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("counters, keys and amounts must be parallel arrays; lengths were 3, 1 and 3");
        assertThatThrownBy(() -> QuotaAcquisition.acquireAll(counters, keys, new long[] {1, 0, 1}, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("amounts must be positive, was 0");
        assertThatThrownBy(() -> QuotaAcquisition.acquireAll(counters, new String[] {"grant-1", "", null}, new long[] {1, 1, 1}, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit 2 has no key");
        assertThat(perGrant.size()).isZero();
        assertThat(global.size()).isZero();
    }

    @Test
    void anOutcomeIsEitherAdmittedOrARefusalWithARetryAfter() {
        assertThatThrownBy(() -> new QuotaOutcome(-1, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QuotaOutcome(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QuotaOutcome(-2, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
