package dev.portcullis.runtime.counter;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ArbitrarySupplier;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A random sequence of calls on a few keys (acquire, release of an earlier admitted call, eviction),
 * played against a counter and its model in lockstep: every answer, every count and the number of
 * keys held must agree after every step.
 */
final class CounterScenario {

    enum Kind { ACQUIRE, RELEASE, EVICT }

    /** One step: time advances by {@code eighths} of the window plus {@code jitter} ms (possibly backwards). */
    record Step(Kind kind, int key, int eighths, int jitter, int amountOverMax, int pick) {
    }

    /** A counter's budget, a start time and the steps to play from it. */
    record Run(int max, long window, long start, List<Step> steps) {

        CounterSpec spec(Algorithm algorithm) {
            return TestTimes.spec(algorithm, max, window);
        }

        Run withoutReleases() {
            return new Run(max, window, start, steps.stream().filter(step -> step.kind() != Kind.RELEASE).toList());
        }
    }

    /** Runs that may start before 1970 and whose steps may go back in time. */
    static final class AnyRun implements ArbitrarySupplier<Run> {
        @Override
        public Arbitrary<Run> get() {
            return runs(Arbitraries.longs().between(-1_000_000_000_000L, 4_000_000_000_000L));
        }
    }

    /** Runs to be played in time order ({@link #play} with {@code inOrder}). */
    static final class InOrderRun implements ArbitrarySupplier<Run> {
        @Override
        public Arbitrary<Run> get() {
            return runs(Arbitraries.longs().between(0, 4_000_000_000_000L));
        }
    }

    private static Arbitrary<Run> runs(Arbitrary<Long> starts) {
        return Combinators.combine(Arbitraries.integers().between(1, 6), windows(), starts, steps()).as(Run::new);
    }

    /** A call the counter admitted. */
    record Admitted(String key, long amount, long atMillis) {
    }

    private static final String[] KEYS = {"a", "b", ""};

    private CounterScenario() {
    }

    private static Arbitrary<List<Step>> steps() {
        Arbitrary<Kind> kind = Arbitraries.frequencyOf(
                Tuple.of(16, Arbitraries.just(Kind.ACQUIRE)),
                Tuple.of(3, Arbitraries.just(Kind.RELEASE)),
                Tuple.of(1, Arbitraries.just(Kind.EVICT)));
        Arbitrary<Integer> eighths = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.just(0)),
                Tuple.of(4, Arbitraries.integers().between(-8, 20)));
        Arbitrary<Integer> jitter = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(0)),
                Tuple.of(3, Arbitraries.integers().between(-3, 3)));
        // amountOverMax: the amount is max + 1 - this; 0 asks for more than max
        Arbitrary<Integer> amount = Arbitraries.integers().between(0, 8);
        return Combinators.combine(kind, Arbitraries.integers().between(0, KEYS.length - 1), eighths, jitter, amount,
                        Arbitraries.integers().between(0, 1000))
                .as(Step::new)
                .list().ofMaxSize(160);
    }

    private static Arbitrary<Long> windows() {
        return Arbitraries.of(1L, 2L, 7L, 1_000L, 60_000L, 3_600_000L, 86_400_000L);
    }

    /**
     * Plays the steps; with {@code inOrder}, time never goes backwards.
     *
     * @return the calls admitted and never released, in the order they were admitted
     */
    static List<Admitted> play(RateCounter counter, CounterModel model, Run run, boolean inOrder) {
        long max = run.max();
        long window = run.window();
        List<Step> steps = run.steps();
        List<Admitted> held = new ArrayList<>();
        long now = run.start();
        for (int index = 0; index < steps.size(); index++) {
            Step step = steps.get(index);
            long advance = step.eighths() * window / 8 + step.jitter();
            now += inOrder ? Math.max(0, advance) : advance;
            String key = KEYS[step.key()];
            String where = "step " + index + " " + step + " at " + now;
            switch (step.kind()) {
                case ACQUIRE -> {
                    long amount = Math.max(1, max + 1 - step.amountOverMax());
                    long expected = model.tryAcquire(key, amount, now);
                    assertThat(counter.tryAcquire(key, amount, now)).as(where).isEqualTo(expected);
                    if (expected == 0) {
                        held.add(new Admitted(key, amount, now));
                    }
                }
                case RELEASE -> {
                    if (!held.isEmpty()) {
                        Admitted call = held.remove(step.pick() % held.size());
                        model.release(call.key(), call.amount(), call.atMillis());
                        counter.release(call.key(), call.amount(), call.atMillis());
                    }
                }
                case EVICT -> {
                    model.evictIdle(now);
                    counter.evictIdle(now);
                }
            }
            for (String each : KEYS) {
                assertThat(counter.count(each, now)).as(where + ", count of '" + each + "'").isEqualTo(model.count(each, now));
            }
            assertThat(counter.size()).as(where + ", keys held").isEqualTo(model.size());
        }
        return held;
    }
}
