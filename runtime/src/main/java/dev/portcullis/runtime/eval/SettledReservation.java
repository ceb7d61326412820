package dev.portcullis.runtime.eval;

import dev.portcullis.runtime.Decision;
import dev.portcullis.runtime.Reservation;
import java.util.Objects;

/** A decision that holds no quota: settling it does nothing, so one instance may serve every call. */
record SettledReservation(Decision decision) implements Reservation {

    SettledReservation {
        Objects.requireNonNull(decision, "decision");
    }

    @Override
    public void commit() {
        // nothing was taken
    }

    @Override
    public void release() {
        // nothing was taken
    }
}
