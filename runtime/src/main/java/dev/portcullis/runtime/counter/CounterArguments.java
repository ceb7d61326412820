package dev.portcullis.runtime.counter;

import java.util.Objects;

/** Checks shared by every counter's public methods; misuse is a programming error, reported at once. */
final class CounterArguments {

    private CounterArguments() {
    }

    static void check(String key, long amount) {
        Objects.requireNonNull(key, "key");
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be positive, was " + amount);
        }
    }

    static CounterSpec requireAlgorithm(CounterSpec spec, Algorithm expected) {
        Objects.requireNonNull(spec, "spec");
        if (spec.algorithm() != expected) {
            throw new IllegalArgumentException("counter '" + spec.name() + "' is " + spec.algorithm()
                    + ", not " + expected);
        }
        return spec;
    }
}
