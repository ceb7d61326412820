package dev.portcullis.runtime.counter;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The per-key states of one counter, with the retirement protocol all three counters share.
 *
 * <p><b>Retirement.</b> A state leaves the map only after it was marked retired by a successful CAS
 * (or under its lock, for the sliding window). A thread that finds a retired state calls
 * {@link #forget} and looks the key up again, so no update is ever applied to a state that is no
 * longer in the map. A state retired with a {@linkplain Kind#successorOf successor} (a token bucket
 * moving to a new time origin) is replaced by it instead of removed, so its content carries over.
 *
 * <p><b>Time floor.</b> Before a state is retired, the floor is raised to the time up to which that
 * state could still matter. A state created later starts no earlier than the floor, so a call dated
 * before an eviction can never find a fresh budget for a period the forgotten state had already
 * used. The floor only ever lies in the past of the evicting call, so it affects only calls that are
 * out of order.
 *
 * <p><b>Amortised eviction.</b> Creating keys triggers a sweep once the keys created since the last
 * sweep reach the number of keys that survived it (at least {@value #MIN_SWEEP_INTERVAL}): the cost
 * is O(1) per created key, and the map holds at most about twice the keys still in use plus
 * {@value #MIN_SWEEP_INTERVAL}, without an external sweeper.
 *
 * @param <S> the counter's state type
 */
final class KeyedStates<S> {

    static final int MIN_SWEEP_INTERVAL = 1024;

    /** How a counter creates, retires and forwards its states. */
    interface Kind<S> {

        /** A fresh state whose time starts at {@code startMillis} (already raised to the floor). */
        S create(long startMillis);

        /**
         * Marks the state retired when nothing in it can matter at {@code nowMillis} or later,
         * raising the floor first ({@link KeyedStates#raiseFloor}).
         *
         * @return whether this call retired it
         */
        boolean retireIfIdle(S state, long nowMillis);

        /** The state that replaces a retired one, or {@code null} when the key is simply forgotten. */
        S successorOf(S retired);
    }

    private final ConcurrentHashMap<String, S> states = new ConcurrentHashMap<>();
    private final Kind<S> kind;
    private final int minSweepInterval;
    private final AtomicLong floorMillis = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong createdSinceSweep = new AtomicLong();
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private volatile long sweepInterval;

    KeyedStates(Kind<S> kind) {
        this(kind, MIN_SWEEP_INTERVAL);
    }

    KeyedStates(Kind<S> kind, int minSweepInterval) {
        this.kind = kind;
        this.minSweepInterval = minSweepInterval;
        this.sweepInterval = minSweepInterval;
    }

    /** The key's state, possibly retired meanwhile, or {@code null}. Allocates nothing. */
    S get(String key) {
        return states.get(key);
    }

    /** The key's state, created when absent; allocates only when it creates one. */
    S getOrCreate(String key, long nowMillis) {
        S state = states.get(key);
        if (state != null) {
            return state;
        }
        S created = kind.create(Math.max(nowMillis, floorMillis.get()));
        S raced = states.putIfAbsent(key, created);
        if (raced != null) {
            return raced;
        }
        if (createdSinceSweep.incrementAndGet() >= sweepInterval) {
            sweep(nowMillis);
        }
        return created;
    }

    /** Takes a retired state out of the map (or installs its successor); safe to call many times. */
    void forget(String key, S retired) {
        S successor = kind.successorOf(retired);
        if (successor == null) {
            states.remove(key, retired);
        } else {
            states.replace(key, retired, successor);
        }
    }

    /** Called by {@link Kind#retireIfIdle} before it retires a state that mattered until {@code untilMillis}. */
    void raiseFloor(long untilMillis) {
        floorMillis.accumulateAndGet(untilMillis, Math::max);
    }

    void evictIdle(long nowMillis) {
        states.forEach((key, state) -> {
            if (kind.retireIfIdle(state, nowMillis)) {
                forget(key, state);
            }
        });
    }

    int size() {
        return states.size();
    }

    private void sweep(long nowMillis) {
        if (!sweeping.compareAndSet(false, true)) {
            return;
        }
        try {
            evictIdle(nowMillis);
            createdSinceSweep.set(0);
            sweepInterval = Math.max(minSweepInterval, states.size());
        } finally {
            sweeping.set(false);
        }
    }
}
