package dev.portcullis.runtime;

/**
 * The first phase of a two-phase decision. When the decision is {@link Effect#ALLOW}, the quota the
 * call needs from every applicable limit is held; the gateway forwards the call and then either
 * {@link #commit() commits} (the upstream call completed) or {@link #release() releases} it (the
 * upstream call failed, so it does not count, as Intercept rolls back a reservation).
 *
 * <p>Exactly the first of {@code commit} or {@code release} takes effect; later calls do nothing. For
 * a decision other than ALLOW both do nothing. A reservation that is never settled stays counted,
 * which errs on the side of the limit.
 */
public interface Reservation {

    Decision decision();

    /** Keeps the reserved quota consumed. */
    void commit();

    /** Gives the reserved quota back to every counter it was taken from. */
    void release();
}
