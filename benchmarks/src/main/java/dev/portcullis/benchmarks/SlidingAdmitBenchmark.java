package dev.portcullis.benchmarks;

import dev.portcullis.runtime.counter.Algorithm;
import dev.portcullis.runtime.counter.CounterSpec;
import dev.portcullis.runtime.counter.RateCounter;
import dev.portcullis.runtime.counter.SlidingLogCounter;
import dev.portcullis.runtime.counter.SlidingWindowCounter;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.SynchronizationStrategy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The admit cost of the exact sliding window at a budget its slots hold (1,000 per second), with
 * Bucket4j's lock-free bucket as the baseline in the same run. A sliding window of a real budget
 * admits only {@code max} calls per window, so a wall clock would make almost every measured call a
 * refusal; instead time is a virtual clock that moves 2 ms per call, from which our counters and
 * Bucket4j's {@code TimeMeter} alike take one tick per call (the same atomic increment, so the clock
 * costs both sides the same). At 500 calls per virtual second every call is admitted, and in time
 * order the slot after the last one claimed is always the free one: this is the steady admit path.
 * The sliding log (what {@code Counters.create} uses above 1,024 per window) is measured on the same
 * calls for comparison. Every thread uses the same key, so the two-thread variant is contended.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public abstract class SlidingAdmitBenchmark {

    private static final String KEY = "grant-1";
    private static final long MAX = 1_000;
    private static final long WINDOW_MILLIS = 1_000;
    private static final long MILLIS_PER_CALL = 2;

    private final AtomicLong ticks = new AtomicLong();
    private long startMillis;
    private RateCounter slots;
    private RateCounter log;
    private Bucket bucket4j;

    @Setup
    public void createCounters() {
        startMillis = System.currentTimeMillis();
        CounterSpec spec = new CounterSpec("sliding", Algorithm.SLIDING, MAX, WINDOW_MILLIS);
        slots = new SlidingWindowCounter(spec);
        log = new SlidingLogCounter(spec);
        bucket4j = Bucket.builder()
                .addLimit(limit -> limit.capacity(MAX).refillGreedy(MAX, Duration.ofMillis(WINDOW_MILLIS)))
                .withCustomTimePrecision(new TickingTimeMeter())
                .withSynchronizationStrategy(SynchronizationStrategy.LOCK_FREE)
                .build();
    }

    private long tick() {
        return startMillis + MILLIS_PER_CALL * ticks.getAndIncrement();
    }

    /** Bucket4j's view of the same virtual clock. */
    private final class TickingTimeMeter implements TimeMeter {
        @Override
        public long currentTimeNanos() {
            return tick() * 1_000_000;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }

    @Benchmark
    public long slidingWindow() {
        return admitted(slots.tryAcquire(KEY, 1, tick()));
    }

    @Benchmark
    public long slidingLog() {
        return admitted(log.tryAcquire(KEY, 1, tick()));
    }

    @Benchmark
    public boolean bucket4jLockFree() {
        if (!bucket4j.tryConsume(1)) {
            throw new IllegalStateException("Bucket4j refused a call: the baseline must measure admissions");
        }
        return true;
    }

    private static long admitted(long retryAfter) {
        if (retryAfter != 0) {
            throw new IllegalStateException("refused with retry-after " + retryAfter + ": the benchmark must measure admissions");
        }
        return retryAfter;
    }
}
