package dev.portcullis.runtime.counter;

import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default {@link CounterStore}: counters live in this JVM, one per name. Thread-safe.
 *
 * <p>Each counter evicts its idle keys by itself as new keys arrive; {@link #evictIdle} lets a
 * gateway also sweep on a timer, which frees memory sooner after a burst of keys goes quiet.
 */
public final class InMemoryCounterStore implements CounterStore {

    private final ConcurrentHashMap<String, RateCounter> counters = new ConcurrentHashMap<>();

    @Override
    public RateCounter counter(CounterSpec spec) {
        Objects.requireNonNull(spec, "spec");
        RateCounter counter = counters.get(spec.name());
        if (counter == null) {
            counter = counters.computeIfAbsent(spec.name(), name -> Counters.create(spec));
        }
        if (!counter.spec().equals(spec)) {
            throw new IllegalArgumentException("counter '" + spec.name() + "' is already defined as "
                    + describe(counter.spec()) + "; it cannot also be " + describe(spec)
                    + " (limits that name the same counter share one budget and must define it alike)");
        }
        return counter;
    }

    /** Forgets, in every counter, the keys whose state can no longer matter at {@code nowMillis}. */
    public void evictIdle(long nowMillis) {
        counters.values().forEach(counter -> counter.evictIdle(nowMillis));
    }

    /** How many counters the store holds. */
    public int size() {
        return counters.size();
    }

    private static String describe(CounterSpec spec) {
        return spec.algorithm().name().toLowerCase(Locale.ROOT) + " with max " + spec.max() + " per "
                + spec.windowMillis() + " ms";
    }
}
