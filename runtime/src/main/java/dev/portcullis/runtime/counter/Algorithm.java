package dev.portcullis.runtime.counter;

/** How a counter spreads its budget over time. */
public enum Algorithm {
    /**
     * Windows aligned to the epoch: UTC calendar minutes, hours and days, and multiples of N seconds
     * since 1970 for an N-second window (as Intercept and Envoy's rate-limit service do). The default.
     */
    FIXED,
    /** Exact sliding log: never more than {@code max} admitted in any interval of the window's length. */
    SLIDING,
    /** A bucket of capacity {@code max}, refilled evenly over the window. */
    TOKEN_BUCKET
}
