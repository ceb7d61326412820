package dev.portcullis.runtime.counter;

/**
 * One budget, kept per key (a grant, session, agent, argument value, or {@code ""} for global).
 * Implementations are thread-safe and allocate nothing when admitting a call on a key they already
 * hold. The fixed-window, token-bucket and sliding-window counters are lock-free; only the sliding
 * log used for budgets above {@link SlidingWindowCounter#MAX_SLOTS} per window holds a per-key
 * monitor for a few instructions (see {@link SlidingLogCounter} for why).
 *
 * <p>Time is passed in. When it goes backwards (out-of-order input), a counter never admits more
 * than its budget and never holds a negative count; see each implementation for details.
 */
public interface RateCounter {

    CounterSpec spec();

    /**
     * Takes {@code amount} from the key's budget if it has room.
     *
     * @return {@code 0} when admitted; otherwise the milliseconds after {@code nowMillis} at which a
     *         call of this amount could be admitted ({@code >= 1}), or
     *         {@link dev.portcullis.runtime.RateLimitDenial#NEVER} when {@code amount > max}
     */
    long tryAcquire(String key, long amount, long nowMillis);

    /**
     * Gives back {@code amount} taken by a {@link #tryAcquire} at {@code acquiredAtMillis} that
     * returned 0 (a reservation released, or a rollback of an all-or-nothing acquisition). Quota
     * whose window has already passed is not given back twice.
     */
    void release(String key, long amount, long acquiredAtMillis);

    /** How much of the key's budget is used at {@code nowMillis}, for reports and denials. */
    long count(String key, long nowMillis);

    /** Forgets keys whose state can no longer influence a decision at {@code nowMillis} or later. */
    void evictIdle(long nowMillis);

    /** How many keys the counter currently holds (for tests and metrics). */
    int size();
}
