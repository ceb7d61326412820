package dev.portcullis.runtime.counter;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Admitting a call on a key the counter already holds allocates nothing, once the JIT has compiled
 * the path (JMH's {@code -prof gc} in {@code benchmarks/} measures the same thing more precisely).
 */
class AdmitPathAllocationTest {

    private static final int CALLS = 200_000;

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void admittingOnAnExistingKeyAllocatesNothing(Algorithm algorithm) {
        com.sun.management.ThreadMXBean threads = threadBean();
        RateCounter counter = Counters.create(new CounterSpec("alloc", algorithm, 1_000_000_000L, 1_000));
        RateCounter[] counters = {counter, counter};
        String[] keys = {"k", "j"};
        long[] amounts = {1, 1};
        long now = 1_700_000_000_000L;
        for (int round = 0; round < 5; round++) { // warm up until compiled
            admit(counter, counters, keys, amounts, now);
        }

        long before = threads.getCurrentThreadAllocatedBytes();
        admit(counter, counters, keys, amounts, now);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(allocated).as("bytes allocated by %d admissions", 3 * CALLS).isLessThan(3 * CALLS / 100);
    }

    /**
     * The slot-per-unit sliding window holds at most 1,024 per window, so its calls are dated 2 ms apart
     * (500 per second against a budget of 1,000): every one is admitted, on the steady path.
     */
    @Test
    void theSlidingSlotsAdmitWithoutAllocating() {
        com.sun.management.ThreadMXBean threads = threadBean();
        RateCounter counter = new SlidingWindowCounter(new CounterSpec("alloc", Algorithm.SLIDING, 1_000, 1_000));
        long start = 1_700_000_000_000L;
        int rounds = 6;
        long before = 0;
        for (int round = 0; round < rounds; round++) { // the last round is measured, once compiled
            if (round == rounds - 1) {
                before = threads.getCurrentThreadAllocatedBytes();
            }
            for (int call = 0; call < CALLS; call++) {
                long now = start + 2L * (round * (long) CALLS + call);
                if (counter.tryAcquire("k", 1, now) != 0) {
                    throw new AssertionError("call " + call + " of round " + round + " was refused");
                }
            }
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(allocated).as("bytes allocated by %d admissions", CALLS).isLessThan(CALLS / 100);
    }

    private static void admit(RateCounter counter, RateCounter[] counters, String[] keys, long[] amounts, long now) {
        for (int call = 0; call < CALLS; call++) {
            if (counter.tryAcquire("k", 1, now + call / 1000) != 0
                    || !QuotaAcquisition.acquireAll(counters, keys, amounts, now + call / 1000).isAdmitted()) {
                throw new AssertionError("call " + call + " was refused; the test needs a budget that admits everything");
            }
        }
    }

    private static com.sun.management.ThreadMXBean threadBean() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean,
                "this JVM does not report per-thread allocation");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported(), "per-thread allocation is not supported");
        threads.setThreadAllocatedMemoryEnabled(true);
        return threads;
    }
}
