package dev.portcullis.runtime.counter;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs many threads against counters in phases. Within a phase every thread uses the same time, so
 * the exact outcome is known (calls of one time commute); between phases the workers wait while the
 * test checks the counters' state, then time moves on.
 */
final class PhasedLoad {

    /** What one thread does during one phase. */
    interface Work {
        void run(int thread, int phase, long nowMillis);
    }

    /** What the test checks once every thread has finished a phase. */
    interface Check {
        void after(int phase, long nowMillis);
    }

    private PhasedLoad() {
    }

    static void run(int threads, int phases, long startMillis, long phaseMillis, Work work, Check check) throws Exception {
        CyclicBarrier start = new CyclicBarrier(threads + 1);
        CyclicBarrier end = new CyclicBarrier(threads + 1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int thread = 0; thread < threads; thread++) {
                int self = thread;
                workers.add(pool.submit(() -> {
                    for (int phase = 0; phase < phases; phase++) {
                        start.await(60, TimeUnit.SECONDS);
                        work.run(self, phase, startMillis + phase * phaseMillis);
                        end.await(60, TimeUnit.SECONDS);
                    }
                    return null;
                }));
            }
            for (int phase = 0; phase < phases; phase++) {
                start.await(60, TimeUnit.SECONDS);
                end.await(60, TimeUnit.SECONDS);
                check.after(phase, startMillis + phase * phaseMillis);
            }
            for (Future<?> worker : workers) {
                worker.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
