package dev.portcullis.runtime;

import java.util.Objects;

/**
 * Why a rate limit refused a call: which counter, its budget, how much of it is used, and when a call
 * would be admitted again.
 *
 * @param counter          the counter's name (one budget, possibly shared by several tools)
 * @param max              the most the counter admits per window
 * @param windowMillis     the window's length in milliseconds
 * @param count            how much of the budget is used in the current window, at the call's time
 * @param retryAfterMillis how long after the call's time a call of the same size could be admitted;
 *                         {@link #NEVER} when the call asks for more than {@code max} at once
 */
public record RateLimitDenial(String counter, long max, long windowMillis, long count, long retryAfterMillis) {

    /** {@code retryAfterMillis} of a call that no amount of waiting admits (its increment exceeds {@code max}). */
    public static final long NEVER = Long.MAX_VALUE;

    public RateLimitDenial {
        Objects.requireNonNull(counter, "counter");
        if (retryAfterMillis < 0) {
            throw new IllegalArgumentException("retryAfterMillis must not be negative: " + retryAfterMillis);
        }
    }
}
