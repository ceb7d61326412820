package dev.portcullis.benchmarks;

import dev.portcullis.runtime.counter.Algorithm;
import dev.portcullis.runtime.counter.CounterSpec;
import dev.portcullis.runtime.counter.Counters;
import dev.portcullis.runtime.counter.QuotaAcquisition;
import dev.portcullis.runtime.counter.QuotaOutcome;
import dev.portcullis.runtime.counter.RateCounter;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The cost of admitting one call on a key the counter already holds, with Bucket4j's lock-free in-
 * memory bucket measured in the same run as the baseline. Budgets are so large (10^9 per second,
 * 10^12 per second for the windows) that every call is admitted: this measures the admit path, not
 * the refusal path. A sliding window of so large a budget is the sliding log; the lock-free slot-
 * per-unit sliding window, for budgets up to 1,024, is measured by {@link SlidingAdmitBenchmark}.
 * Both sides read the same millisecond clock, a field a background thread refreshes every
 * millisecond (as gateways cache the time): our counters get it as the call's time, Bucket4j
 * through a custom {@code TimeMeter}. So the clock costs both the same volatile read and the
 * comparison is of the admit paths themselves. Every thread uses the same key (the same bucket),
 * so the two-thread variant measures a contended key.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public abstract class AdmitBenchmark {

    private static final String KEY = "grant-1";
    private static final long PER_SECOND = 1_000;

    private volatile long cachedMillis;
    private volatile boolean running;
    private Thread clock;

    private RateCounter fixed;
    private RateCounter sliding;
    private RateCounter tokenBucket;
    private Bucket bucket4j;
    private RateCounter[] allLimits;
    private String[] allKeys;
    private long[] allAmounts;

    @Setup
    public void createCounters() {
        cachedMillis = System.currentTimeMillis();
        running = true;
        clock = new Thread(this::tick, "cached-clock");
        clock.setDaemon(true);
        clock.start();
        fixed = Counters.create(new CounterSpec("fixed", Algorithm.FIXED, 1_000_000_000_000L, PER_SECOND));
        sliding = Counters.create(new CounterSpec("sliding", Algorithm.SLIDING, 1_000_000_000_000L, PER_SECOND));
        tokenBucket = Counters.create(new CounterSpec("token", Algorithm.TOKEN_BUCKET, 1_000_000_000L, PER_SECOND));
        bucket4j = Bucket.builder()
                .addLimit(limit -> limit.capacity(1_000_000_000L).refillGreedy(1_000_000_000L, Duration.ofSeconds(1)))
                .withCustomTimePrecision(new CachedTimeMeter())
                .withSynchronizationStrategy(SynchronizationStrategy.LOCK_FREE)
                .build();
        allLimits = new RateCounter[] {fixed, sliding, tokenBucket};
        allKeys = new String[] {KEY, KEY, KEY};
        allAmounts = new long[] {1, 1, 1};
    }

    @TearDown
    public void stopClock() throws InterruptedException {
        running = false;
        clock.join();
    }

    private void tick() {
        while (running) {
            cachedMillis = System.currentTimeMillis();
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Bucket4j's view of the same cached clock. */
    private final class CachedTimeMeter implements TimeMeter {
        @Override
        public long currentTimeNanos() {
            return cachedMillis * 1_000_000;
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }

    @Benchmark
    public long fixedWindow() {
        return admitted(fixed.tryAcquire(KEY, 1, cachedMillis));
    }

    @Benchmark
    public long slidingLog() {
        return admitted(sliding.tryAcquire(KEY, 1, cachedMillis));
    }

    @Benchmark
    public long tokenBucket() {
        return admitted(tokenBucket.tryAcquire(KEY, 1, cachedMillis));
    }

    @Benchmark
    public boolean bucket4jLockFree() {
        if (!bucket4j.tryConsume(1)) {
            throw new IllegalStateException("Bucket4j refused a call: the baseline must measure admissions");
        }
        return true;
    }

    /** Fixed, sliding and token bucket at once, all-or-nothing (informational: Bucket4j has no equivalent here). */
    @Benchmark
    public QuotaOutcome allOrNothingThreeLimits() {
        QuotaOutcome outcome = QuotaAcquisition.acquireAll(allLimits, allKeys, allAmounts, cachedMillis);
        if (!outcome.isAdmitted()) {
            throw new IllegalStateException("refused: the benchmark must measure admissions, got " + outcome);
        }
        return outcome;
    }

    private static long admitted(long retryAfter) {
        if (retryAfter != 0) {
            throw new IllegalStateException("refused with retry-after " + retryAfter + ": the benchmark must measure admissions");
        }
        return retryAfter;
    }
}
