package dev.portcullis.runtime.counter;

import java.util.Objects;
import java.util.Optional;

/** Creates the in-memory counter a {@link CounterSpec} asks for. */
public final class Counters {

    private Counters() {
    }

    /**
     * A new, empty counter of the spec's algorithm.
     *
     * @throws IllegalArgumentException when the spec cannot be counted exactly (a token bucket whose
     *                                  {@code max × window} exceeds 64-bit integer arithmetic)
     */
    public static RateCounter create(CounterSpec spec) {
        Objects.requireNonNull(spec, "spec");
        return switch (spec.algorithm()) {
            case FIXED -> new FixedWindowCounter(spec);
            case SLIDING -> new SlidingWindowCounter(spec);
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
