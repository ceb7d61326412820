package dev.portcullis.runtime.eval;

import dev.portcullis.runtime.Decision;
import dev.portcullis.runtime.Reservation;
import dev.portcullis.runtime.counter.RateCounter;
import java.util.concurrent.atomic.AtomicBoolean;

/** An allowed call's held quota; only the first of {@code commit} and {@code release} takes effect. */
final class ChargedReservation implements Reservation {

    private final Decision decision;
    private final RateCounter[] counters;
    private final String[] keys;
    private final long[] amounts;
    private final long acquiredAtMillis;
    private final AtomicBoolean settled = new AtomicBoolean();

    ChargedReservation(Decision decision, RateCounter[] counters, String[] keys, long[] amounts, long acquiredAtMillis) {
        this.decision = decision;
        this.counters = counters;
        this.keys = keys;
        this.amounts = amounts;
        this.acquiredAtMillis = acquiredAtMillis;
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
            // every counter gets its quota back even when one fails; the first failure is reported after
            RuntimeException failure = null;
            for (int i = counters.length - 1; i >= 0; i--) {
                try {
                    counters[i].release(keys[i], amounts[i], acquiredAtMillis);
                } catch (RuntimeException e) {
                    failure = Failures.collect(failure, e);
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
    }
}
