package dev.portcullis.runtime.counter;

import org.junit.jupiter.api.Test;

import static dev.portcullis.runtime.counter.TestTimes.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

class SlidingLogCounterTest extends SlidingWindowContract {

    @Override
    RateCounter sliding(long max, long windowMillis) {
        return new SlidingLogCounter(TestTimes.spec(Algorithm.SLIDING, max, windowMillis));
    }

    @Test
    void theLogGrowsForManyDistinctMillisecondsAndCompactsReleasedEntries() {
        RateCounter counter = sliding(5000, 10 * SECOND);
        for (int call = 0; call < 5000; call++) {
            assertThat(counter.tryAcquire("k", 1, T + call)).isZero();
        }
        assertThat(counter.tryAcquire("k", 1, T + 5000)).isEqualTo(10 * SECOND - 5000);
        for (int call = 0; call < 5000; call += 2) {
            counter.release("k", 1, T + call);
        }
        assertThat(counter.count("k", T + 5000)).isEqualTo(2500);
        for (int call = 0; call < 2500; call++) {
            assertThat(counter.tryAcquire("k", 1, T + 5000 + call)).isZero();
        }
        assertThat(counter.tryAcquire("k", 1, T + 7500)).isEqualTo(10 * SECOND - 7500 + 1);
        assertThat(counter.count("k", T + 10 * SECOND + 1)).isEqualTo(4999);
    }
}
