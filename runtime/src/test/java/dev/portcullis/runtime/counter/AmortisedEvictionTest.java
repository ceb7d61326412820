package dev.portcullis.runtime.counter;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Creating keys sweeps idle ones, so memory stays bounded without anyone calling {@code evictIdle}. */
class AmortisedEvictionTest {

    private static final long WINDOW = 60_000;
    private static final int KEYS = 3 * KeyedStates.MIN_SWEEP_INTERVAL;

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void keysFromLongAgoAreGoneOnceEnoughNewKeysArrive(Algorithm algorithm) {
        RateCounter counter = Counters.create(new CounterSpec("keys", algorithm, 5, WINDOW));
        for (int key = 0; key < KEYS; key++) {
            counter.tryAcquire("early-" + key, 1, 0);
        }
        for (int key = 0; key < KEYS; key++) {
            counter.tryAcquire("late-" + key, 1, 10 * WINDOW);
        }

        assertThat(counter.size()).isEqualTo(KEYS);
        assertThat(counter.count("late-0", 10 * WINDOW)).isEqualTo(1);
        assertThat(counter.count("early-0", 10 * WINDOW)).isZero();
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void keysStillInUseSurviveTheSweep(Algorithm algorithm) {
        RateCounter counter = Counters.create(new CounterSpec("keys", algorithm, 5, WINDOW));
        for (int key = 0; key < 2 * KEYS; key++) {
            counter.tryAcquire("key-" + key, 1, key);
        }

        assertThat(counter.size()).isEqualTo(2 * KEYS);
        assertThat(counter.count("key-0", 2 * KEYS)).isEqualTo(1);
    }
}
