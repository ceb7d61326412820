package dev.portcullis.compiler.interpret;

import dev.portcullis.runtime.Decision;
import dev.portcullis.runtime.Reservation;
import dev.portcullis.runtime.counter.RateCounter;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/** The quota an allowed call holds; only the first of {@code commit} and {@code release} takes effect. */
final class InterpretedReservation implements Reservation {

    /** An amount taken from one counter's key at the call's time. */
    record Charge(RateCounter counter, String key, long amount, long atMillis) {
        void giveBack() {
            counter.release(key, amount, atMillis);
        }
    }

    private final Decision decision;
    private final List<Charge> charges;
    private final AtomicBoolean settled = new AtomicBoolean();

    InterpretedReservation(Decision decision, List<Charge> charges) {
        this.decision = Objects.requireNonNull(decision, "decision");
        this.charges = List.copyOf(charges);
    }

    /** A decision that holds no quota (every decision but ALLOW, and ALLOW without limits). */
    static InterpretedReservation settled(Decision decision) {
        return new InterpretedReservation(decision, List.of());
    }

    @Override
    public Decision decision() {
        return decision;
    }

    @Override
    public void commit() {
        settled.set(true);
    }

    @Override
    public void release() {
        if (settled.compareAndSet(false, true)) {
            giveBackAll(charges);
        }
    }

    /** Gives every charge back, even when one counter fails, then reports the first failure. */
    static void giveBackAll(List<Charge> charges) {
        RuntimeException failure = null;
        for (int i = charges.size() - 1; i >= 0; i--) {
            try {
                charges.get(i).giveBack();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
