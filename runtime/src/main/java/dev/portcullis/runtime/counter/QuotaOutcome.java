package dev.portcullis.runtime.counter;

/**
 * The result of {@link QuotaAcquisition#acquireAll}: either {@link #ADMITTED} (shared, so admitting
 * allocates nothing), or which limit refused the call and when a call of the same size could pass it.
 *
 * @param refusedIndex     the index, in the arrays given, of the limit without room; {@code -1} when admitted
 * @param retryAfterMillis that limit's retry-after ({@code >= 1}, or
 *                         {@link dev.portcullis.runtime.RateLimitDenial#NEVER}); {@code 0} when admitted
 */
public record QuotaOutcome(int refusedIndex, long retryAfterMillis) {

    public static final QuotaOutcome ADMITTED = new QuotaOutcome(-1, 0);

    public QuotaOutcome {
        if (refusedIndex < -1) {
            throw new IllegalArgumentException("refusedIndex must be -1 or an index, was " + refusedIndex);
        }
        if ((refusedIndex == -1) != (retryAfterMillis == 0) || retryAfterMillis < 0) {
            throw new IllegalArgumentException("an admitted outcome has retry-after 0 and a refusal a positive one; got index "
                    + refusedIndex + ", retry-after " + retryAfterMillis);
        }
    }

    public boolean isAdmitted() {
        return refusedIndex == -1;
    }
}
