package dev.portcullis.runtime.counter;

import dev.portcullis.runtime.RateLimitDenial;

/**
 * The exact sliding window for budgets larger than {@link SlidingWindowCounter#MAX_SLOTS}: a call
 * at {@code t} is admitted only if the calls admitted in {@code (t - window, t]} plus this one stay
 * within {@code max}, so no interval of the window's length ever holds more than {@code max}. It
 * decides exactly as {@link SlidingWindowCounter} does (the same tests run against both);
 * {@link Counters#create} picks this one when one slot per unit of budget would cost too much memory.
 * Each key keeps a ring of (time, amount) entries, one per distinct millisecond, and their running
 * sum; expired entries leave from the head as time advances. Admitting a call on an existing key
 * allocates nothing except when the ring has to grow.
 *
 * <p><b>Why a per-key lock here.</b> Admission must, as one atomic step, drop the expired entries,
 * compare the remaining sum with {@code max} and append the call; a release must lower an entry in
 * the middle of the log and the sum together. With weighted entries that is an update of several
 * words whose number grows with the log; a single-word CAS cannot cover it, and copy-on-write
 * snapshots or multi-word CAS descriptors would allocate on every call. So each key's state is
 * guarded by its own monitor, held for a few dozen instructions (O(1) amortised: each entry is
 * appended and expired once), never across another key or another counter. Different keys never
 * contend. Budgets up to {@link SlidingWindowCounter#MAX_SLOTS} use the lock-free
 * {@link SlidingWindowCounter} instead, whose one-slot-per-unit layout needs no multi-word step.
 *
 * <p><b>Time going backwards.</b> A call dated before the key's latest call (admitted or not) is
 * treated as made at that latest time, so the log stays ordered and the guarantee holds for the
 * times the counter used. Its retry-after counts from its own time. A release takes the amount back
 * from the entries dated at or before the call's own time, latest first: exact for a call that was
 * not moved, and never more generous than forgetting the call when it was.
 *
 * <p><b>Memory.</b> A key holds at most about {@code min(max, window in ms)} entries (entries that a
 * release emptied are compacted away before the ring grows), so exactness costs memory: prefer
 * {@code fixed} or {@code token_bucket} for large budgets over long windows. A key is idle once a
 * whole window has passed since its latest call, and is evicted by {@link #evictIdle} or the sweep
 * creating keys triggers; a recreated key treats calls dated before that moment as made at it.
 */
public final class SlidingLogCounter extends KeyedCounter<SlidingLogCounter.LogState> {

    private static final long RETIRED = -1;
    private static final int INITIAL_ENTRIES = 4;

    /** One key's log; every field is guarded by the state's monitor. */
    static final class LogState {
        /** {@code [time0, amount0, time1, amount1, ...]} as a ring of {@code entries.length / 2} slots. */
        long[] entries = new long[2 * INITIAL_ENTRIES];
        int head;
        int size;
        long sum;
        long latestMillis;
        boolean retired;

        LogState(long startMillis) {
            this.latestMillis = startMillis;
        }

        int slots() {
            return entries.length >> 1;
        }

        /** The array index of the {@code position}-th entry from the head. */
        int index(int position) {
            return ((head + position) & (slots() - 1)) << 1;
        }
    }

    private final long max;
    private final long windowMillis;

    public SlidingLogCounter(CounterSpec spec) {
        super(spec, Algorithm.SLIDING);
        this.max = spec.max();
        this.windowMillis = spec.windowMillis();
    }

    @Override
    LogState newState(long startMillis) {
        return new LogState(startMillis);
    }

    @Override
    public long tryAcquire(String key, long amount, long nowMillis) {
        CounterArguments.check(key, amount);
        if (amount > max) {
            return RateLimitDenial.NEVER;
        }
        for (;;) {
            LogState state = states.getOrCreate(key, nowMillis);
            long result;
            synchronized (state) {
                result = state.retired ? RETIRED : tryAcquire(state, amount, nowMillis);
            }
            if (result != RETIRED) {
                return result;
            }
            states.forget(key, state);
        }
    }

    private long tryAcquire(LogState state, long amount, long nowMillis) {
        long at = Math.max(nowMillis, state.latestMillis);
        state.latestMillis = at;
        expire(state, at);
        if (amount > max - state.sum) {
            return retryAfter(state, amount, nowMillis);
        }
        append(state, at, amount);
        state.sum += amount;
        return 0;
    }

    /** Drops the entries that no interval ending at {@code at} or later contains. */
    private void expire(LogState state, long at) {
        long[] entries = state.entries;
        while (state.size > 0) {
            int index = state.index(0);
            if (!hasLeft(entries[index], at)) {
                break;
            }
            state.sum -= entries[index + 1];
            state.head = (state.head + 1) & (state.slots() - 1);
            state.size--;
        }
        if (state.size == 0) {
            state.head = 0;
        }
    }

    /** Whether an entry dated {@code entryMillis} lies outside {@code (at - window, at]}, for {@code entryMillis <= at}. */
    private boolean hasLeft(long entryMillis, long at) {
        return SaturatingMath.subtract(at, entryMillis) >= windowMillis;
    }

    /** When enough of the oldest entries will have expired for {@code amount} to fit. */
    private long retryAfter(LogState state, long amount, long nowMillis) {
        long missing = amount - (max - state.sum);
        long[] entries = state.entries;
        for (int position = 0; ; position++) {
            int index = state.index(position);
            missing -= entries[index + 1];
            if (missing <= 0) {
                // at least 1 even when the entry expires beyond Long.MAX_VALUE and saturated
                return Math.max(1, SaturatingMath.subtract(SaturatingMath.add(entries[index], windowMillis), nowMillis));
            }
        }
    }

    private void append(LogState state, long at, long amount) {
        if (state.size > 0) {
            int last = state.index(state.size - 1);
            if (state.entries[last] == at) {
                state.entries[last + 1] += amount;
                return;
            }
        }
        if (state.size == state.slots()) {
            makeRoom(state);
        }
        int index = state.index(state.size);
        state.entries[index] = at;
        state.entries[index + 1] = amount;
        state.size++;
    }

    /** Compacts away entries a release emptied; grows the ring only when at least half are in use. */
    private static void makeRoom(LogState state) {
        int used = 0;
        for (int position = 0; position < state.size; position++) {
            if (state.entries[state.index(position) + 1] != 0) {
                used++;
            }
        }
        int slots = used * 2 <= state.slots() ? state.slots() : state.slots() * 2;
        long[] resized = new long[2 * slots];
        int written = 0;
        for (int position = 0; position < state.size; position++) {
            int index = state.index(position);
            if (state.entries[index + 1] != 0) {
                resized[2 * written] = state.entries[index];
                resized[2 * written + 1] = state.entries[index + 1];
                written++;
            }
        }
        state.entries = resized;
        state.head = 0;
        state.size = written;
    }

    @Override
    public void release(String key, long amount, long acquiredAtMillis) {
        CounterArguments.check(key, amount);
        LogState state = states.get(key);
        if (state == null) {
            return;
        }
        synchronized (state) {
            // a retired log ended before anything a live state for the key can hold
            if (!state.retired) {
                release(state, amount, acquiredAtMillis);
            }
        }
    }

    private void release(LogState state, long amount, long acquiredAtMillis) {
        expire(state, state.latestMillis);
        long remaining = amount;
        long[] entries = state.entries;
        for (int position = lastAtOrBefore(state, acquiredAtMillis); position >= 0 && remaining > 0; position--) {
            int index = state.index(position);
            long taken = Math.min(remaining, entries[index + 1]);
            entries[index + 1] -= taken;
            state.sum -= taken;
            remaining -= taken;
        }
        while (state.size > 0 && entries[state.index(state.size - 1) + 1] == 0) {
            state.size--;
        }
    }

    /** The position of the latest entry dated at or before {@code millis}, or -1. */
    private static int lastAtOrBefore(LogState state, long millis) {
        int low = 0;
        int high = state.size - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (state.entries[state.index(middle)] <= millis) {
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return high;
    }

    @Override
    public long count(String key, long nowMillis) {
        for (LogState state = states.get(key); state != null; state = states.get(key)) {
            synchronized (state) {
                if (!state.retired) {
                    return count(state, nowMillis);
                }
            }
            states.forget(key, state);
        }
        return 0;
    }

    /** Read-only: expiring up to {@code nowMillis} would drop entries that calls dated before it still need. */
    private long count(LogState state, long nowMillis) {
        long at = Math.max(nowMillis, state.latestMillis);
        long count = state.sum;
        for (int position = 0; position < state.size; position++) {
            int index = state.index(position);
            if (!hasLeft(state.entries[index], at)) {
                break;
            }
            count -= state.entries[index + 1];
        }
        return count;
    }

    @Override
    boolean retireIfIdle(LogState state, long nowMillis) {
        synchronized (state) {
            long idleFrom = SaturatingMath.add(state.latestMillis, windowMillis);
            if (state.retired || idleFrom > nowMillis) {
                return false;
            }
            states.raiseFloor(idleFrom);
            state.retired = true;
            return true;
        }
    }
}
