package dev.portcullis.runtime.counter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many threads hammering counters. Calls made at one time commute, so after each phase the exact
 * state is known: a single-threaded model fed the same demand must have admitted exactly as many
 * calls (never more: no over-admission; never fewer: no lost update), and the counter's count must
 * equal what was admitted and not released.
 */
class CounterConcurrencyTest {

    private static final int THREADS = 6;
    private static final int PHASES = 80;
    private static final long WINDOW = 1_000;
    private static final long MAX = 40;
    private static final long HAMMERED_MAX = 1_000;
    private static final long START = 1_700_000_000_000L;

    private static CounterModel modelOf(Algorithm algorithm, long max) {
        return switch (algorithm) {
            case FIXED -> new FixedWindowModel(max, WINDOW);
            case SLIDING -> new SlidingWindowModel(max, WINDOW);
            case TOKEN_BUCKET -> new TokenBucketModel(max, WINDOW);
        };
    }

    /** How many calls of 1 the model admits at {@code now} before its first refusal. */
    private static long admitUntilRefused(CounterModel model, String key, long now) {
        return admitUntilRefused(model, key, 1, now);
    }

    private static long admitUntilRefused(CounterModel model, String key, long amount, long now) {
        long admitted = 0;
        while (model.tryAcquire(key, amount, now) == 0) {
            admitted++;
        }
        return admitted;
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void oneKeyHammeredByManyThreadsAdmitsExactlyTheBudget(Algorithm algorithm) throws Exception {
        hammerOneKey(Counters.create(new CounterSpec("hammered", algorithm, HAMMERED_MAX, WINDOW)), modelOf(algorithm, HAMMERED_MAX), 1);
    }

    @Test
    void fixedWindowRestartsRacingWithAdmissionsLoseNothing() throws Exception {
        // so large a max leaves one bit for the window: every other window starts a fresh state
        long amount = Long.MAX_VALUE / 2 / HAMMERED_MAX;
        long max = amount * HAMMERED_MAX;
        hammerOneKey(new FixedWindowCounter(new CounterSpec("restarting", Algorithm.FIXED, max, WINDOW)),
                new FixedWindowModel(max, WINDOW), amount);
    }

    @Test
    void slidingLogHammeredByManyThreadsAdmitsExactlyTheBudget() throws Exception {
        // Counters.create gives a budget this small the slots; the log takes larger ones
        hammerOneKey(new SlidingLogCounter(new CounterSpec("logged", Algorithm.SLIDING, HAMMERED_MAX, WINDOW)),
                modelOf(Algorithm.SLIDING, HAMMERED_MAX), 1);
    }

    static Stream<Arguments> slidingLayouts() {
        Function<CounterSpec, RateCounter> slots = SlidingWindowCounter::new;
        Function<CounterSpec, RateCounter> log = SlidingLogCounter::new;
        return Stream.of(Arguments.of("slots", slots), Arguments.of("log", log));
    }

    /**
     * Calls of one to eight units race over windows that overlap four phases, with releases, so that
     * partial claims are given back while other threads claim and release: at no moment may the
     * window hold more than {@code max}, and the count must be exactly what is still held in it.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("slidingLayouts")
    void slidingCallsOfSeveralUnitsNeverHoldMoreThanMaxInAnyWindow(String layout, Function<CounterSpec, RateCounter> sliding)
            throws Exception {
        RateCounter counter = sliding.apply(new CounterSpec("overlapping", Algorithm.SLIDING, MAX, WINDOW));
        int phasesPerWindow = 4;
        AtomicLongArray held = new AtomicLongArray(PHASES);

        PhasedLoad.run(THREADS, PHASES, START, WINDOW / phasesPerWindow, (thread, phase, now) -> {
            SplittableRandom random = new SplittableRandom(17L * phase + thread);
            for (int call = 0; call < 1_000; call++) {
                long amount = random.nextLong(1, 9);
                if (counter.tryAcquire("k", amount, now) == 0) {
                    if (random.nextInt(4) == 0) {
                        counter.release("k", amount, now);
                    } else {
                        held.addAndGet(phase, amount);
                    }
                }
            }
        }, (phase, now) -> {
            long inWindow = 0;
            for (int earlier = Math.max(0, phase - phasesPerWindow + 1); earlier <= phase; earlier++) {
                inWindow += held.get(earlier);
            }
            assertThat(inWindow).as("held in the window ending at phase %d", phase).isLessThanOrEqualTo(MAX);
            assertThat(counter.count("k", now)).as("count after phase %d", phase).isEqualTo(inWindow);
        });
    }

    /**
     * Calls dated by one shared clock, at half the budget's rate: none may be refused, even when a
     * thread is descheduled between reading the key's time and claiming a slot while the others
     * fill slots with later times (more threads than cores make that happen).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("slidingLayouts")
    void slidingCallsBelowTheBudgetAreNeverRefusedWhateverTheScheduling(String layout, Function<CounterSpec, RateCounter> sliding)
            throws Exception {
        RateCounter counter = sliding.apply(new CounterSpec("paced", Algorithm.SLIDING, MAX, WINDOW));
        AtomicLong ticks = new AtomicLong();
        long millisPerCall = 2 * WINDOW / MAX;
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Long>> refusals = new ArrayList<>();
            for (int thread = 0; thread < THREADS; thread++) {
                refusals.add(pool.submit(() -> {
                    long refused = 0;
                    for (int call = 0; call < 100_000; call++) {
                        if (counter.tryAcquire("k", 1, START + millisPerCall * ticks.getAndIncrement()) != 0) {
                            refused++;
                        }
                    }
                    return refused;
                }));
            }
            for (Future<Long> refused : refusals) {
                assertThat(refused.get(60, TimeUnit.SECONDS)).as("calls refused by one thread").isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void tokenBucketOriginMovesRacingWithAdmissionsLoseNothing() throws Exception {
        // a new origin about every 50 ms: every phase starts with threads racing to move it
        hammerOneKey(new TokenBucketCounter(new CounterSpec("moving", Algorithm.TOKEN_BUCKET, HAMMERED_MAX, WINDOW), 100),
                modelOf(Algorithm.TOKEN_BUCKET, HAMMERED_MAX), 1);
    }

    private static void hammerOneKey(RateCounter counter, CounterModel model, long amount) throws Exception {
        AtomicLongArray admitted = new AtomicLongArray(PHASES);

        PhasedLoad.run(THREADS, PHASES, START, WINDOW / 4, (thread, phase, now) -> {
            for (int call = 0; call < 700; call++) {
                if (counter.tryAcquire("k", amount, now) == 0) {
                    admitted.incrementAndGet(phase);
                }
            }
        }, (phase, now) -> {
            assertThat(admitted.get(phase)).as("admitted in phase %d", phase).isEqualTo(admitUntilRefused(model, "k", amount, now));
            assertThat(counter.count("k", now)).as("count after phase %d", phase).isEqualTo(model.count("k", now));
            assertThat(counter.size()).isEqualTo(1);
        });
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void manyKeysWithAConcurrentSweeperLoseNoUpdate(Algorithm algorithm) throws Exception {
        RateCounter counter = Counters.create(new CounterSpec("many", algorithm, MAX, WINDOW));
        CounterModel model = modelOf(algorithm, MAX);
        int keys = 48;
        AtomicLongArray admitted = new AtomicLongArray(PHASES * keys);

        PhasedLoad.run(THREADS, PHASES, START, WINDOW / 2, (thread, phase, now) -> {
            if (thread == 0) {
                for (int sweep = 0; sweep < 200; sweep++) {
                    counter.evictIdle(now); // races with the other threads on keys idle until this phase
                }
                return;
            }
            for (int round = 0; round < 60; round++) {
                for (int key = 0; key < keys; key++) {
                    if (usedIn(phase, key) && counter.tryAcquire("key-" + key, 1, now) == 0) {
                        admitted.incrementAndGet(phase * keys + key);
                    }
                }
            }
        }, (phase, now) -> {
            for (int key = 0; key < keys; key++) {
                long expected = usedIn(phase, key) ? admitUntilRefused(model, "key-" + key, now) : 0;
                assertThat(admitted.get(phase * keys + key)).as("key %d in phase %d", key, phase).isEqualTo(expected);
                assertThat(counter.count("key-" + key, now)).as("count of key %d after phase %d", key, phase)
                        .isEqualTo(model.count("key-" + key, now));
            }
        });
    }

    /** Each key rests some phases, long enough to become idle, so that eviction races with its return. */
    private static boolean usedIn(int phase, int key) {
        return (phase + key) % 5 < 2;
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void concurrentReleasesKeepTheCountEqualToWhatIsStillHeld(Algorithm algorithm) throws Exception {
        RateCounter counter = Counters.create(new CounterSpec("released", algorithm, HAMMERED_MAX, WINDOW));
        AtomicLongArray held = new AtomicLongArray(PHASES);

        // one phase per window: each phase starts from an empty budget for every algorithm
        PhasedLoad.run(THREADS, PHASES, START, WINDOW, (thread, phase, now) -> {
            SplittableRandom random = new SplittableRandom(31L * phase + thread);
            for (int call = 0; call < 600; call++) {
                long amount = random.nextLong(1, 4);
                if (counter.tryAcquire("k", amount, now) == 0) {
                    if (random.nextInt(3) == 0) {
                        counter.release("k", amount, now);
                    } else {
                        held.addAndGet(phase, amount);
                    }
                }
            }
        }, (phase, now) -> {
            assertThat(held.get(phase)).as("held after phase %d", phase).isLessThanOrEqualTo(HAMMERED_MAX);
            assertThat(counter.count("k", now)).as("count after phase %d", phase).isEqualTo(held.get(phase));
        });
    }
}
