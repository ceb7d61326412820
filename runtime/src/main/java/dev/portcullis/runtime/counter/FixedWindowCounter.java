package dev.portcullis.runtime.counter;

import dev.portcullis.runtime.RateLimitDenial;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A counter whose windows are aligned to the epoch: window {@code floor(now / windowMillis)}. UTC
 * minutes, hours and days are exact multiples of their length since 1970 (UTC has no leap seconds in
 * epoch milliseconds), so a minute window is the calendar minute, and an N-second window is a
 * multiple of N seconds since the epoch, as Intercept and Envoy's rate-limit service count.
 *
 * <p><b>Lock-free.</b> Each key's state is one {@code long} packing the window (relative to the
 * state's first window) above the count, updated by a CAS loop; admitting a call on an existing key
 * allocates nothing. The packing gives the count just enough bits for {@code max}; when the window
 * number outgrows the remaining bits, the state is retired and a fresh one started, which loses
 * nothing because a new window starts empty.
 *
 * <p><b>Time going backwards.</b> A call dated in a window older than the key's newest window is
 * counted in the newest window: the counter keeps one window per key, and this never admits more
 * than {@code max} in it (the retry-after of such a call runs to the end of the newest window).
 * Releasing a call gives its amount back only while the call's own window is still the key's newest
 * window; so an out-of-order call that was counted in a newer window, then released, stays counted
 * until that window ends (erring on the side of the limit). A count never goes below zero.
 *
 * <p><b>Memory.</b> A key whose newest window has ended is idle and evicted, by {@link #evictIdle} or
 * by the sweep that creating keys triggers: memory stays within about twice the keys in use. A call
 * dated before an eviction is counted no earlier than the window after the evicted one, so a
 * forgotten window never gets a second budget.
 */
public final class FixedWindowCounter extends KeyedCounter<FixedWindowCounter.WindowState> {

    private static final long RETIRED = -1;
    private static final VarHandle PACKED;

    static {
        try {
            PACKED = MethodHandles.lookup().findVarHandle(WindowState.class, "packed", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** One key's state: {@code packed = (window - originWindow) << countBits | count}, or {@link #RETIRED}. */
    static final class WindowState {
        final long originWindow;
        volatile long packed;

        WindowState(long originWindow) {
            this.originWindow = originWindow;
        }
    }

    private final long max;
    private final long windowMillis;
    private final int countBits;
    private final long countMask;
    private final long maxRelativeWindow;

    public FixedWindowCounter(CounterSpec spec) {
        super(spec, Algorithm.FIXED);
        this.max = spec.max();
        this.windowMillis = spec.windowMillis();
        this.countBits = 64 - Long.numberOfLeadingZeros(max);
        this.countMask = (1L << countBits) - 1;
        // the sign bit stays clear, so no packed value equals RETIRED
        this.maxRelativeWindow = (1L << (63 - countBits)) - 1;
    }

    @Override
    WindowState newState(long startMillis) {
        return new WindowState(Math.floorDiv(startMillis, windowMillis));
    }

    @Override
    public long tryAcquire(String key, long amount, long nowMillis) {
        CounterArguments.check(key, amount);
        if (amount > max) {
            return RateLimitDenial.NEVER;
        }
        long window = Math.floorDiv(nowMillis, windowMillis);
        for (;;) {
            WindowState state = states.getOrCreate(key, nowMillis);
            long result = tryAcquire(state, window, amount, nowMillis);
            if (result != RETIRED) {
                return result;
            }
            states.forget(key, state);
        }
    }

    private long tryAcquire(WindowState state, long window, long amount, long nowMillis) {
        for (;;) {
            long packed = state.packed;
            if (packed == RETIRED) {
                return RETIRED;
            }
            long newest = state.originWindow + (packed >>> countBits);
            long count = packed & countMask;
            long windowBits = packed - count;
            if (window > newest) {
                long relative = window - state.originWindow;
                if (relative < 0 || relative > maxRelativeWindow) {
                    // the window number no longer fits: start a fresh state (the new window is empty anyway)
                    states.raiseFloor(endOfWindow(newest));
                    if (PACKED.compareAndSet(state, packed, RETIRED)) {
                        return RETIRED;
                    }
                    continue;
                }
                newest = window;
                count = 0;
                windowBits = relative << countBits;
            }
            if (amount > max - count) {
                return retryAfter(newest, nowMillis);
            }
            if (PACKED.compareAndSet(state, packed, windowBits | (count + amount))) {
                return 0;
            }
        }
    }

    /** Milliseconds from {@code nowMillis} to the end of window {@code newest} (which holds or follows now). */
    private long retryAfter(long newest, long nowMillis) {
        // at least 1 even when the window's end lies beyond Long.MAX_VALUE and saturated
        return Math.max(1, SaturatingMath.subtract(endOfWindow(newest), nowMillis));
    }

    private long endOfWindow(long window) {
        return SaturatingMath.add(SaturatingMath.multiply(window, windowMillis), windowMillis);
    }

    @Override
    public void release(String key, long amount, long acquiredAtMillis) {
        CounterArguments.check(key, amount);
        WindowState state = states.get(key);
        if (state == null) {
            return;
        }
        long window = Math.floorDiv(acquiredAtMillis, windowMillis);
        for (;;) {
            long packed = state.packed;
            if (packed == RETIRED) {
                return; // retired states ended before any window a live state can hold
            }
            long count = packed & countMask;
            if (state.originWindow + (packed >>> countBits) != window || count == 0) {
                return;
            }
            if (PACKED.compareAndSet(state, packed, packed - Math.min(count, amount))) {
                return;
            }
        }
    }

    @Override
    public long count(String key, long nowMillis) {
        for (WindowState state = states.get(key); state != null; state = states.get(key)) {
            long packed = state.packed;
            if (packed != RETIRED) {
                long newest = state.originWindow + (packed >>> countBits);
                return Math.floorDiv(nowMillis, windowMillis) > newest ? 0 : packed & countMask;
            }
            states.forget(key, state);
        }
        return 0;
    }

    @Override
    boolean retireIfIdle(WindowState state, long nowMillis) {
        long packed = state.packed;
        if (packed == RETIRED) {
            return false;
        }
        long newest = state.originWindow + (packed >>> countBits);
        if (newest >= Math.floorDiv(nowMillis, windowMillis)) {
            return false;
        }
        states.raiseFloor(endOfWindow(newest));
        return PACKED.compareAndSet(state, packed, RETIRED);
    }
}
