package dev.portcullis.runtime.counter;

import org.junit.jupiter.api.Test;

import static dev.portcullis.runtime.counter.TestTimes.SECOND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlidingWindowCounterTest extends SlidingWindowContract {

    @Override
    RateCounter sliding(long max, long windowMillis) {
        return new SlidingWindowCounter(TestTimes.spec(Algorithm.SLIDING, max, windowMillis));
    }

    @Test
    void countersCreateUsesOneSlotPerUnitUpToMaxSlotsAndTheLogAbove() {
        long largest = SlidingWindowCounter.MAX_SLOTS;
        assertThat(Counters.create(TestTimes.spec(Algorithm.SLIDING, largest, SECOND))).isInstanceOf(SlidingWindowCounter.class);
        assertThat(Counters.create(TestTimes.spec(Algorithm.SLIDING, largest + 1, SECOND))).isInstanceOf(SlidingLogCounter.class);
    }

    @Test
    void refusesABudgetLargerThanMaxSlotsNamingTheAlternative() {
        assertThatThrownBy(() -> sliding(SlidingWindowCounter.MAX_SLOTS + 1, SECOND))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("allows 1025 per window")
                .hasMessageContaining("SlidingLogCounter");
    }

    @Test
    void theWholeOfTheLargestBudgetIsUsableAndLeavesInOrder() {
        RateCounter counter = sliding(SlidingWindowCounter.MAX_SLOTS, 10 * SECOND);
        for (int call = 0; call < SlidingWindowCounter.MAX_SLOTS; call++) {
            assertThat(counter.tryAcquire("k", 1, T + call)).as("call %d", call).isZero();
        }
        assertThat(counter.tryAcquire("k", 1, T + 2000)).isEqualTo(10 * SECOND - 2000);
        assertThat(counter.tryAcquire("k", 3, T + 2000)).isEqualTo(10 * SECOND - 2000 + 2);

        assertThat(counter.tryAcquire("k", 2, T + 10 * SECOND + 1)).isZero(); // the units of T and T + 1 have left
        assertThat(counter.tryAcquire("k", 1, T + 10 * SECOND + 1)).isEqualTo(1);
        assertThat(counter.count("k", T + 10 * SECOND + 1)).isEqualTo(SlidingWindowCounter.MAX_SLOTS);
    }

    @Test
    void aCallOfSeveralUnitsThatDoesNotFitTakesNone() {
        RateCounter counter = sliding(5, SECOND);
        counter.tryAcquire("k", 3, T);

        assertThat(counter.tryAcquire("k", 3, T + 10)).isEqualTo(990);
        assertThat(counter.count("k", T + 10)).isEqualTo(3);
        assertThat(counter.tryAcquire("k", 2, T + 10)).isZero();
    }

    @Test
    void aReleaseFreesTheLatestUnitsFirstSoTheOldestStillLeaveOnTime() {
        RateCounter counter = sliding(3, SECOND);
        counter.tryAcquire("k", 1, T);
        counter.tryAcquire("k", 2, T + 300);

        counter.release("k", 1, T + 300);
        assertThat(counter.count("k", T + 999)).isEqualTo(2);
        assertThat(counter.count("k", T + 1000)).isEqualTo(1);  // T's unit left; one of T + 300's is still held
        assertThat(counter.tryAcquire("k", 3, T + 1000)).isEqualTo(300);
    }
}
