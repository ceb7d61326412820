package dev.portcullis.runtime.counter;

/**
 * Takes quota from several limits all-or-nothing: a call is admitted only if every limit has room,
 * and a refused call leaves nothing consumed in any of them.
 *
 * <p>The limits are acquired one by one, in the order given; when one has no room, those already
 * taken are released again (in reverse order) before the refusal is returned. Each counter stays
 * lock-free, and no lock spans counters.
 *
 * <p><b>Concurrency trade-off.</b> While a refused call's partial hold is being rolled back, that
 * quota is briefly taken: a concurrent call may be refused by a limit that, a moment later, has room
 * again (a spurious refusal). The other direction cannot happen: at every instant each counter holds
 * no more than its {@code max}, so the final state never over-admits, and once {@code acquireAll}
 * returns a refusal, everything it took has been given back. Giving back is exact for calls dated
 * in order; for a call a counter had to move forward in time (see each counter's Javadoc on time
 * going backwards) a counter may keep some of it, never the other way round. Callers that want fewer
 * spurious refusals should list the scarcest limit first, so that most refusals happen before
 * anything is taken.
 *
 * <p>The three arrays are parallel: limit {@code i} takes {@code amounts[i]} from
 * {@code counters[i]} under {@code keys[i]}.
 */
public final class QuotaAcquisition {

    private QuotaAcquisition() {
    }

    /**
     * Takes quota from every limit or from none.
     *
     * @return {@link QuotaOutcome#ADMITTED} (no allocation) or the first limit that refused, with its retry-after
     * @throws IllegalArgumentException when the arrays differ in length or an amount is not positive
     */
    public static QuotaOutcome acquireAll(RateCounter[] counters, String[] keys, long[] amounts, long nowMillis) {
        checkParallel(counters, keys, amounts);
        for (int limit = 0; limit < counters.length; limit++) {
            long retryAfter = counters[limit].tryAcquire(keys[limit], amounts[limit], nowMillis);
            if (retryAfter != 0) {
                releaseFirst(limit, counters, keys, amounts, nowMillis);
                return new QuotaOutcome(limit, retryAfter);
            }
        }
        return QuotaOutcome.ADMITTED;
    }

    /** Gives back a whole admitted acquisition (a reservation released because the upstream call failed). */
    public static void releaseAll(RateCounter[] counters, String[] keys, long[] amounts, long acquiredAtMillis) {
        checkParallel(counters, keys, amounts);
        releaseFirst(counters.length, counters, keys, amounts, acquiredAtMillis);
    }

    private static void releaseFirst(int count, RateCounter[] counters, String[] keys, long[] amounts, long acquiredAtMillis) {
        for (int limit = count - 1; limit >= 0; limit--) {
            counters[limit].release(keys[limit], amounts[limit], acquiredAtMillis);
        }
    }

    private static void checkParallel(RateCounter[] counters, String[] keys, long[] amounts) {
        if (counters.length != keys.length || counters.length != amounts.length) {
            throw new IllegalArgumentException("counters, keys and amounts must be parallel arrays; lengths were "
                    + counters.length + ", " + keys.length + " and " + amounts.length);
        }
        // checked before anything is taken, so that no call fails halfway with quota held
        for (int limit = 0; limit < counters.length; limit++) {
            if (counters[limit] == null || keys[limit] == null) {
                throw new IllegalArgumentException("limit " + limit + " has no " + (counters[limit] == null ? "counter" : "key"));
            }
            if (amounts[limit] <= 0) {
                throw new IllegalArgumentException("amounts must be positive, was " + amounts[limit]);
            }
        }
    }
}
