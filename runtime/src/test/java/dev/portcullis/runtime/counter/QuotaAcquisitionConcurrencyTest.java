package dev.portcullis.runtime.counter;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * All-or-nothing acquisition across shared counters of every algorithm, under contention: after
 * each phase, each counter's count equals exactly the amounts of the acquisitions that were admitted
 * and kept (so refused and released ones left nothing behind) and never exceeds its max.
 */
class QuotaAcquisitionConcurrencyTest {

    private static final int THREADS = 6;
    private static final int PHASES = 80;
    private static final long WINDOW = 1_000;
    private static final long START = 1_700_000_000_000L;

    @Test
    void sharedCountersNeverOverAdmitAndRefusalsLeaveNoResidue() throws Exception {
        RateCounter[] shared = {
                new FixedWindowCounter(new CounterSpec("a", Algorithm.FIXED, 50, WINDOW)),
                new SlidingWindowCounter(new CounterSpec("b", Algorithm.SLIDING, 30, WINDOW)),
                new TokenBucketCounter(new CounterSpec("c", Algorithm.TOKEN_BUCKET, 40, WINDOW)),
        };
        int[][] combinations = {{0, 1}, {1, 2}, {0, 2}, {0, 1, 2}, {2, 0}, {2, 1, 0}};
        AtomicLongArray held = new AtomicLongArray(PHASES * shared.length);
        AtomicLong refusals = new AtomicLong();

        // one phase per window: each phase starts from an empty budget for every algorithm
        PhasedLoad.run(THREADS, PHASES, START, WINDOW, (thread, phase, now) -> {
            SplittableRandom random = new SplittableRandom(17L * phase + thread);
            for (int call = 0; call < 300; call++) {
                int[] combination = combinations[random.nextInt(combinations.length)];
                RateCounter[] counters = new RateCounter[combination.length];
                String[] keys = new String[combination.length];
                long[] amounts = new long[combination.length];
                for (int limit = 0; limit < combination.length; limit++) {
                    counters[limit] = shared[combination[limit]];
                    keys[limit] = "";
                    amounts[limit] = random.nextLong(1, 4);
                }
                QuotaOutcome outcome = QuotaAcquisition.acquireAll(counters, keys, amounts, now);
                if (!outcome.isAdmitted()) {
                    assertThat(outcome.retryAfterMillis()).isPositive();
                    refusals.incrementAndGet();
                } else if (random.nextInt(4) == 0) {
                    QuotaAcquisition.releaseAll(counters, keys, amounts, now);
                } else {
                    for (int limit = 0; limit < combination.length; limit++) {
                        held.addAndGet(phase * shared.length + combination[limit], amounts[limit]);
                    }
                }
            }
        }, (phase, now) -> {
            for (int counter = 0; counter < shared.length; counter++) {
                long kept = held.get(phase * shared.length + counter);
                assertThat(kept).as("kept in counter %d, phase %d", counter, phase).isLessThanOrEqualTo(shared[counter].spec().max());
                assertThat(shared[counter].count("", now)).as("count of counter %d after phase %d", counter, phase).isEqualTo(kept);
            }
        });

        assertThat(refusals.get()).as("refusals (the test must contend)").isGreaterThan(PHASES * 100L);
    }
}
