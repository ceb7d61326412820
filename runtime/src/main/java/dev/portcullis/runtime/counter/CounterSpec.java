package dev.portcullis.runtime.counter;

import java.util.Objects;

/**
 * The definition of one budget. Two limits that name the same counter share its budget and must agree
 * on its definition.
 *
 * @param name         the counter's name, unique within a policy
 * @param algorithm    how the budget is spread over time
 * @param max          the most admitted per window (a positive integer; increments may exceed 1)
 * @param windowMillis the window's length in milliseconds (positive)
 */
public record CounterSpec(String name, Algorithm algorithm, long max, long windowMillis) {

    public CounterSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(algorithm, "algorithm");
        if (max <= 0) {
            throw new IllegalArgumentException("counter '" + name + "': max must be positive, was " + max);
        }
        if (windowMillis <= 0) {
            throw new IllegalArgumentException("counter '" + name + "': window must be positive, was " + windowMillis + " ms");
        }
    }
}
