package dev.portcullis.runtime.counter;

import java.util.Objects;
import java.util.Optional;

/** Creates the in-memory counter a {@link CounterSpec} asks for. */
public final class Counters {

    private Counters() {
    }

    /**
     * A new, empty counter of the spec's algorithm. A sliding window up to
     * {@link SlidingWindowCounter#MAX_SLOTS} per window is the lock-free {@link SlidingWindowCounter};
     * a larger one is the {@link SlidingLogCounter}, which decides alike with less memory per key.
     *
     * @throws IllegalArgumentException when the spec cannot be counted exactly (a token bucket whose
     *                                  {@code max × window} exceeds 64-bit integer arithmetic)
     */
    public static RateCounter create(CounterSpec spec) {
        Objects.requireNonNull(spec, "spec");
        return switch (spec.algorithm()) {
            case FIXED -> new FixedWindowCounter(spec);
            case SLIDING -> spec.max() <= SlidingWindowCounter.MAX_SLOTS
                    ? new SlidingWindowCounter(spec)
                    : new SlidingLogCounter(spec);
            case TOKEN_BUCKET -> new TokenBucketCounter(spec);
        };
    }

    /**
     * Why {@link #create} would refuse {@code spec}, if it would: a policy compiler reports this as an
     * error instead of letting a policy load that cannot be instantiated.
     */
    public static Optional<String> unsupported(CounterSpec spec) {
        Objects.requireNonNull(spec, "spec");
        return spec.algorithm() == Algorithm.TOKEN_BUCKET ? TokenBucketCounter.unsupported(spec) : Optional.empty();
    }
}
