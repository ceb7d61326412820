package dev.portcullis.runtime.counter;

import dev.portcullis.runtime.RateLimitDenial;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The exact sliding window, lock-free: a call at {@code t} is admitted only if the calls admitted in
 * {@code (t - window, t]} plus this one stay within {@code max}, so no interval of the window's
 * length ever holds more than {@code max}. For budgets up to {@link #MAX_SLOTS};
 * {@link Counters#create} uses {@link SlidingLogCounter}, which decides the same way, above that.
 *
 * <p><b>One slot per unit of budget.</b> Each key holds exactly {@code max} slots, each the time of
 * the latest unit counted in it. A slot is free at time {@code t} when its time is at least a window
 * before {@code t}; admitting {@code n} units claims {@code n} free slots, each by one CAS from its
 * old time to {@code t}. A claim therefore moves a slot forward by at least a window, so the units
 * one slot has held lie a window apart and no interval of the window's length contains two of them:
 * with {@code max} slots, no interval holds more than {@code max} units, whatever the interleaving of
 * threads. That is the whole safety argument; it needs no multi-word step, so there is no lock and
 * no allocation on the admit path (a call that needs several units claims them one by one and gives
 * them back if it cannot get all, as {@link QuotaAcquisition} does across counters, with the same
 * trade-off: a concurrent call may meet a briefly held unit and be refused).
 *
 * <p><b>The key's latest time.</b> Besides its slots a key keeps the latest time any call used, raised
 * by CAS. A call dated before it is treated as made at it (as in {@link SlidingLogCounter}), so a
 * slot a call frees can never matter again: releasing a unit sets its slot one window back, which no
 * later call sees as occupied. Retiring an idle key is one CAS of this time to a marker; a call still
 * finishing on a retired key counts only units dated at or before the time retired, all of which have
 * left every window the key's successor will see (its time starts a window later).
 *
 * <p><b>Time going backwards.</b> A call dated before the key's latest call (admitted or not) is
 * treated as made at that latest time. Its retry-after counts from its own time. A release gives back
 * the units dated at or before the call's own time, latest first: exact for a call that was not moved,
 * and never more generous than forgetting the call when it was. {@link Long#MIN_VALUE}, which marks a
 * retired key, is read as one millisecond later.
 *
 * <p><b>Cost.</b> A key costs {@code 8 × max} bytes. With calls in time order the slot after the last
 * one claimed is the oldest, so an admission usually costs two reads and two CASes; a refusal scans
 * all {@code max} slots, and so does a release. A key is idle once a whole window has passed since its
 * latest call, and is evicted by {@link #evictIdle} or by the sweep that creating keys triggers; a
 * recreated key treats calls dated before that moment as made at it.
 */
public final class SlidingWindowCounter implements RateCounter {

    /** The largest budget this counter takes: one key costs {@code 8 × max} bytes. */
    public static final long MAX_SLOTS = 1024;

    private static final long RETIRED = Long.MIN_VALUE;
    /** A slot that holds no unit: free at any time (a release that saturates lands here too). */
    private static final long NEVER_USED = Long.MIN_VALUE;
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle LATEST;

    static {
        try {
            LATEST = MethodHandles.lookup().findVarHandle(SlotState.class, "latestMillis", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** One key: the time of the latest call (or {@link #RETIRED}) and one slot per unit of budget. */
    static final class SlotState {
        volatile long latestMillis;
        final long[] slots;
        /** Where the next scan starts; a hint only, so plain racy reads and writes are fine. */
        int cursor;

        SlotState(long startMillis, int max) {
            this.latestMillis = startMillis;
            this.slots = new long[max];
            Arrays.fill(slots, NEVER_USED);
        }
    }

    private final CounterSpec spec;
    private final int max;
    private final long windowMillis;
    private final KeyedStates<SlotState> states;

    /**
     * @throws IllegalArgumentException when {@code spec} is not sliding or its max exceeds {@link #MAX_SLOTS}
     */
    public SlidingWindowCounter(CounterSpec spec) {
        this.spec = CounterArguments.requireAlgorithm(spec, Algorithm.SLIDING);
        if (spec.max() > MAX_SLOTS) {
            throw new IllegalArgumentException("counter '" + spec.name() + "' allows " + spec.max()
                    + " per window; a slot-per-unit sliding window takes at most " + MAX_SLOTS
                    + " (Counters.create uses SlidingLogCounter for larger budgets)");
        }
        this.max = (int) spec.max();
        this.windowMillis = spec.windowMillis();
        this.states = new KeyedStates<>(new KeyedStates.Kind<>() {
            @Override
            public SlotState create(long startMillis) {
                return new SlotState(notRetired(startMillis), max);
            }

            @Override
            public boolean retireIfIdle(SlotState state, long nowMillis) {
                return SlidingWindowCounter.this.retireIfIdle(state, nowMillis);
            }
        });
    }

    @Override
    public CounterSpec spec() {
        return spec;
    }

    @Override
    public long tryAcquire(String key, long amount, long nowMillis) {
        CounterArguments.check(key, amount);
        if (amount > max) {
            return RateLimitDenial.NEVER;
        }
        long now = notRetired(nowMillis);
        for (;;) {
            SlotState state = states.getOrCreate(key, now);
            long at = advance(state, now);
            if (at == RETIRED) {
                states.forget(key, state);
                continue;
            }
            long retryAfter = tryAcquire(state, (int) amount, at, now);
            if (retryAfter == 0 || state.latestMillis == at) {
                return retryAfter;
            }
            // Calls dated later claimed slots while this one looked (its thread may have been
            // descheduled); their units are newer than its time, so look again from the key's new time.
        }
    }

    private static long notRetired(long millis) {
        return millis == RETIRED ? RETIRED + 1 : millis;
    }

    /** Raises the key's latest time to {@code now}; returns the time the call counts at, or {@link #RETIRED}. */
    private static long advance(SlotState state, long now) {
        for (;;) {
            long latest = state.latestMillis;
            if (latest == RETIRED || now <= latest) {
                return latest;
            }
            if (LATEST.compareAndSet(state, latest, now)) {
                return now;
            }
        }
    }

    private long tryAcquire(SlotState state, int amount, long at, long now) {
        if (amount > 1 && !hasFree(state, amount, at)) {
            return retryAfter(state, amount, at, now);
        }
        int claimed = claim(state, amount, at);
        if (claimed == amount) {
            return 0;
        }
        // other calls took the free slots meanwhile: give back the partial hold, all-or-nothing
        giveBack(state, claimed, at);
        return retryAfter(state, amount, at, now);
    }

    /** Whether at least {@code amount} slots are free at {@code at}; reads only. */
    private boolean hasFree(SlotState state, int amount, long at) {
        int free = 0;
        for (int slot = 0; slot < max; slot++) {
            if (isFree(slotTime(state, slot), at) && ++free == amount) {
                return true;
            }
        }
        return false;
    }

    /** Claims up to {@code amount} free slots for {@code at}, starting at the cursor; returns how many. */
    private int claim(SlotState state, int amount, long at) {
        int claimed = 0;
        int slot = state.cursor;
        for (int scanned = 0; scanned < max && claimed < amount; scanned++) {
            long time = slotTime(state, slot);
            if (isFree(time, at) && SLOT.compareAndSet(state.slots, slot, time, at)) {
                claimed++;
                state.cursor = slot + 1 == max ? 0 : slot + 1;
            }
            slot = slot + 1 == max ? 0 : slot + 1;
        }
        return claimed;
    }

    private static long slotTime(SlotState state, int slot) {
        return (long) SLOT.getVolatile(state.slots, slot);
    }

    /** Whether a slot last used at {@code slotMillis} lies outside {@code (at - window, at]}, i.e. before it. */
    private boolean isFree(long slotMillis, long at) {
        return slotMillis == NEVER_USED || SaturatingMath.subtract(at, slotMillis) >= windowMillis;
    }

    /** Whether a slot last used at {@code slotMillis} is counted in the window ending at {@code at}. */
    private boolean isCounted(long slotMillis, long at) {
        return !isFree(slotMillis, at);
    }

    /**
     * When enough of the counted units will have left for {@code amount} to fit: when the
     * {@code k}-th oldest has, {@code k} being what is missing. Allocates only when {@code k > 1}.
     */
    private long retryAfter(SlotState state, int amount, long at, long now) {
        int counted = 0;
        long oldest = Long.MAX_VALUE;
        for (int slot = 0; slot < max; slot++) {
            long time = slotTime(state, slot);
            if (isCounted(time, at)) {
                counted++;
                oldest = Math.min(oldest, time);
            }
        }
        int missing = amount - (max - counted);
        if (missing <= 0) {
            return 1; // a release made room meanwhile: worth retrying at once
        }
        long leaving = missing == 1 ? oldest : kthOldest(state, at, missing);
        // at least 1 even when the unit leaves beyond Long.MAX_VALUE and saturated
        return Math.max(1, SaturatingMath.subtract(SaturatingMath.add(leaving, windowMillis), now));
    }

    /** The time of the {@code k}-th oldest counted unit (or the newest, when fewer are counted by now). */
    private long kthOldest(SlotState state, long at, int k) {
        long[] counted = new long[max];
        int size = 0;
        for (int slot = 0; slot < max; slot++) {
            long time = slotTime(state, slot);
            if (isCounted(time, at)) {
                counted[size++] = time;
            }
        }
        Arrays.sort(counted, 0, size);
        return size == 0 ? at : counted[Math.min(k, size) - 1];
    }

    @Override
    public void release(String key, long amount, long acquiredAtMillis) {
        CounterArguments.check(key, amount);
        SlotState state = states.get(key);
        if (state != null) {
            giveBack(state, (int) Math.min(amount, max), acquiredAtMillis);
        }
    }

    /**
     * Frees up to {@code units} of the units still counted and dated at or before {@code upToMillis},
     * latest first. A freed slot is set a window before its unit: free for every call from then on
     * (they all count at or after the key's latest time), and still never less than the slot's earlier
     * time, so the slot's units stay a window apart. A retired key is left alone: its units have left
     * every window its successor sees.
     */
    private void giveBack(SlotState state, int units, long upToMillis) {
        int remaining = units;
        while (remaining > 0) {
            long latest = state.latestMillis;
            if (latest == RETIRED) {
                return;
            }
            long newest = newestCountedUpTo(state, upToMillis, latest);
            if (newest == NEVER_USED) {
                return;
            }
            long freed = SaturatingMath.subtract(newest, windowMillis);
            for (int slot = 0; slot < max && remaining > 0; slot++) {
                if (slotTime(state, slot) == newest && SLOT.compareAndSet(state.slots, slot, newest, freed)) {
                    remaining--;
                }
            }
        }
    }

    /** The latest slot time at or before {@code upToMillis} still counted at {@code latest}, or {@link #NEVER_USED}. */
    private long newestCountedUpTo(SlotState state, long upToMillis, long latest) {
        long newest = NEVER_USED;
        for (int slot = 0; slot < max; slot++) {
            long time = slotTime(state, slot);
            if (time <= upToMillis && time > newest && isCounted(time, latest)) {
                newest = time;
            }
        }
        return newest;
    }

    @Override
    public long count(String key, long nowMillis) {
        for (SlotState state = states.get(key); state != null; state = states.get(key)) {
            long latest = state.latestMillis;
            if (latest != RETIRED) {
                return count(state, Math.max(notRetired(nowMillis), latest));
            }
            states.forget(key, state);
        }
        return 0;
    }

    private long count(SlotState state, long at) {
        long count = 0;
        for (int slot = 0; slot < max; slot++) {
            if (isCounted(slotTime(state, slot), at)) {
                count++;
            }
        }
        return count;
    }

    @Override
    public void evictIdle(long nowMillis) {
        states.evictIdle(nowMillis);
    }

    private boolean retireIfIdle(SlotState state, long nowMillis) {
        long latest = state.latestMillis;
        if (latest == RETIRED) {
            return false;
        }
        long idleFrom = SaturatingMath.add(latest, windowMillis);
        if (idleFrom > nowMillis) {
            return false;
        }
        states.raiseFloor(idleFrom);
        return LATEST.compareAndSet(state, latest, RETIRED);
    }

    @Override
    public int size() {
        return states.size();
    }

    @Override
    public String toString() {
        return "SlidingWindowCounter[" + spec.name() + ", max " + max + " per " + windowMillis + " ms]";
    }
}
