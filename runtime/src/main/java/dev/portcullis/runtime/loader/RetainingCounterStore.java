package dev.portcullis.runtime.loader;

import dev.portcullis.runtime.counter.CounterSpec;
import dev.portcullis.runtime.counter.CounterStore;
import dev.portcullis.runtime.counter.Counters;
import dev.portcullis.runtime.counter.RateCounter;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A counter store for policies that are reloaded: a counter asked for with the definition it already
 * has keeps its state, and one whose definition changed (algorithm, max or window) starts afresh,
 * replacing the old one for every later caller. A policy still holding the old counter (calls in
 * flight during a swap) keeps using it undisturbed. Thread-safe.
 *
 * <p>A counter's scope and {@code per} argument are part of how calls are keyed, not of its
 * {@link CounterSpec}; a reload that changes only those keeps the counts, under the keys they had.
 */
public final class RetainingCounterStore implements CounterStore {

    private final ConcurrentHashMap<String, RateCounter> counters = new ConcurrentHashMap<>();

    @Override
    public RateCounter counter(CounterSpec spec) {
        Objects.requireNonNull(spec, "spec");
        return counters.compute(spec.name(),
                (name, existing) -> existing != null && existing.spec().equals(spec) ? existing : Counters.create(spec));
    }

    /** Forgets, in every counter, the keys whose state can no longer matter at {@code nowMillis}. */
    public void evictIdle(long nowMillis) {
        counters.values().forEach(counter -> counter.evictIdle(nowMillis));
    }

    /** How many counters the store holds. */
    public int size() {
        return counters.size();
    }
}
