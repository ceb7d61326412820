package dev.portcullis.compiler.testing;

import dev.portcullis.runtime.counter.CounterSpec;
import dev.portcullis.runtime.counter.CounterStore;
import dev.portcullis.runtime.counter.RateCounter;
import java.util.HashMap;
import java.util.Map;

/** A counter store of {@link FixedWindowTestCounter}s, whatever algorithm a spec names. */
public final class TestCounterStore implements CounterStore {

    private final Map<String, RateCounter> counters = new HashMap<>();

    @Override
    public synchronized RateCounter counter(CounterSpec spec) {
        RateCounter counter = counters.computeIfAbsent(spec.name(), name -> new FixedWindowTestCounter(spec));
        if (!counter.spec().equals(spec)) {
            throw new IllegalArgumentException("counter '" + spec.name() + "' exists with another definition");
        }
        return counter;
    }

    /** Everything counted by every counter of the store. */
    public synchronized long total() {
        return counters.values().stream().mapToLong(c -> ((FixedWindowTestCounter) c).total()).sum();
    }
}
