package dev.portcullis.testkit.replay;

import dev.portcullis.runtime.Reservation;
import dev.portcullis.testkit.transcript.RequestId;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Allowed requests awaiting their response, as a gateway holds them: the response commits the quota, or
 * releases it when the upstream call failed. Bounded: past {@code capacity}, the oldest is committed.
 */
final class PendingReservations {

    private final int capacity;
    private final LinkedHashMap<RequestId, Reservation> pending = new LinkedHashMap<>();
    private long released;
    private long evicted;

    PendingReservations(int capacity) {
        this.capacity = capacity;
    }

    void hold(RequestId id, Reservation reservation) {
        // A repeated id makes the earlier request unanswerable; counting it errs on the side of the limit.
        Reservation earlier = pending.remove(id);
        if (earlier != null) {
            earlier.commit();
        }
        if (capacity == 0) {
            reservation.commit();
            evicted++;
            return;
        }
        pending.put(id, reservation);
        if (pending.size() > capacity) {
            Iterator<Map.Entry<RequestId, Reservation>> oldest = pending.entrySet().iterator();
            oldest.next().getValue().commit();
            oldest.remove();
            evicted++;
        }
    }

    /** Settles the request this response answers; a response to nothing pending is ignored. */
    void settle(RequestId id, boolean failed) {
        Reservation reservation = pending.remove(id);
        if (reservation == null) {
            return;
        }
        if (failed) {
            reservation.release();
            released++;
        } else {
            reservation.commit();
        }
    }

    /** Commits every request still awaiting a response; returns how many there were. */
    long commitRemaining() {
        long remaining = pending.size();
        for (Reservation reservation : pending.values()) {
            reservation.commit();
        }
        pending.clear();
        return remaining;
    }

    long released() {
        return released;
    }

    long evicted() {
        return evicted;
    }
}
