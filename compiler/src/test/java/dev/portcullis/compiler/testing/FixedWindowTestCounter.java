package dev.portcullis.compiler.testing;

import dev.portcullis.runtime.RateLimitDenial;
import dev.portcullis.runtime.counter.CounterSpec;
import dev.portcullis.runtime.counter.RateCounter;
import java.util.HashMap;
import java.util.Map;

/**
 * A deliberately plain, locked fixed-window counter for the compiler's tests, so they do not depend
 * on the runtime's optimised counters. Windows are aligned to the epoch, as the runtime's are.
 */
public final class FixedWindowTestCounter implements RateCounter {

    private final CounterSpec spec;
    private final Map<String, long[]> windowStartAndCount = new HashMap<>();

    public FixedWindowTestCounter(CounterSpec spec) {
        this.spec = spec;
    }

    @Override
    public CounterSpec spec() {
        return spec;
    }

    private long windowStart(long nowMillis) {
        return Math.floorDiv(nowMillis, spec.windowMillis()) * spec.windowMillis();
    }

    @Override
    public synchronized long tryAcquire(String key, long amount, long nowMillis) {
        if (amount > spec.max()) {
            return RateLimitDenial.NEVER;
        }
        long start = windowStart(nowMillis);
        long[] state = windowStartAndCount.computeIfAbsent(key, k -> new long[] {start, 0});
        if (state[0] != start) {
            state[0] = start;
            state[1] = 0;
        }
        if (state[1] + amount > spec.max()) {
            return start + spec.windowMillis() - nowMillis;
        }
        state[1] += amount;
        return 0;
    }

    @Override
    public synchronized void release(String key, long amount, long acquiredAtMillis) {
        long[] state = windowStartAndCount.get(key);
        if (state != null && state[0] == windowStart(acquiredAtMillis)) {
            state[1] = Math.max(0, state[1] - amount);
        }
    }

    @Override
    public synchronized long count(String key, long nowMillis) {
        long[] state = windowStartAndCount.get(key);
        return state != null && state[0] == windowStart(nowMillis) ? state[1] : 0;
    }

    @Override
    public synchronized void evictIdle(long nowMillis) {
        windowStartAndCount.values().removeIf(state -> state[0] != windowStart(nowMillis));
    }

    /** Everything counted, over all keys and windows (for tests that a refused call took nothing). */
    public synchronized long total() {
        return windowStartAndCount.values().stream().mapToLong(state -> state[1]).sum();
    }

    @Override
    public synchronized int size() {
        return windowStartAndCount.size();
    }
}
