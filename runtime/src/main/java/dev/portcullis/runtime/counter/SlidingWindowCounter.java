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
 * <p><b>The key's latest time.</b> Besides its slots a key keeps the latest time any call used. A call
 * counts at that time or its own, whichever is later, claims its slots, and only then raises the
 * latest time by CAS; so a call that has not claimed yet never moves others forward, and a single-unit
 * admission takes effect at one CAS (its slot's). A call dated before the latest time is treated as made
 * at it (as in {@link SlidingLogCounter}), so a slot a call frees can never matter again: releasing a
 * unit sets its slot one window back, which no later call sees as occupied. Retiring an idle key is
 * one CAS of this time to a marker. Every call that published its time before that CAS counted units
 * dated at or before the time retired, which have left every window the key's successor will see (its
 * time starts a window later); a call that finds the marker when it publishes is decided again, on the
 * successor.
 *
 * <p><b>Concurrency.</b> Single-unit admissions racing each other and counts, in and out of time
 * order, and admissions racing releases are linearizable (Lincheck model checks both in
 * {@code CounterLinearizabilityTest}). A refused call that meets units of a later-dated call not yet
 * published decides again at that call's time, so calls in time order are never refused below the
 * budget. The trade-offs: a call of several units claims slot by slot (see above); {@code count} is an
 * estimate while releases race it; and a release racing a later-dated call not yet published may let
 * a third call count at its own, earlier time. None of them ever admits more than {@code max} in an
 * interval of the window's length.
 *
 * <p><b>Time going backwards.</b> A call dated before the key's latest call (admitted or not) is
 * treated as made at that latest time. Its retry-after counts from its own time. A release gives back
 * the units dated at or before the call's own time, latest first: exact for a call that was not moved,
 * and never more generous than forgetting the call when it was. {@link Long#MIN_VALUE}, which marks a
 * retired key, is read as one millisecond later.
 *
 * <p><b>Cost.</b> A key costs {@code 8 × max} bytes. With calls in time order the slot after the last
 * one claimed is the oldest, so an admission usually costs three reads and two CASes; a refusal reads
 * all {@code max} slots a few times (to be sure, to compute its retry-after, to look for later-dated
 * units), and a release twice per distinct time it gives back. A key is idle once a whole window has passed since its
 * latest call, and is evicted by {@link #evictIdle} or by the sweep that creating keys triggers; a
 * recreated key treats calls dated before that moment as made at it.
 */
public final class SlidingWindowCounter extends KeyedCounter<SlidingWindowCounter.SlotState> {

    /** The largest budget this counter takes: one key costs {@code 8 × max} bytes. */
    public static final long MAX_SLOTS = 1024;

    private static final long RETIRED = Long.MIN_VALUE;
    /** A slot that holds no unit: free at any time (a release that saturates lands here too). */
    private static final long NEVER_USED = Long.MIN_VALUE;
    /** What {@link #retryAfter} returns when releases made room after the call found none. */
    private static final long ROOM_MADE = 0;
    /** Bounds the attempts of one call, so that it finishes however busily others take and give back. */
    private static final int MAX_ATTEMPTS = 4;
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

    private final int max;
    private final long windowMillis;

    /**
     * @throws IllegalArgumentException when {@code spec} is not sliding or its max exceeds {@link #MAX_SLOTS}
     */
    public SlidingWindowCounter(CounterSpec spec) {
        super(spec, Algorithm.SLIDING);
        if (spec.max() > MAX_SLOTS) {
            throw new IllegalArgumentException("counter '" + spec.name() + "' allows " + spec.max()
                    + " per window; a slot-per-unit sliding window takes at most " + MAX_SLOTS
                    + " (Counters.create uses SlidingLogCounter for larger budgets)");
        }
        this.max = (int) spec.max();
        this.windowMillis = spec.windowMillis();
    }

    @Override
    SlotState newState(long startMillis) {
        return new SlotState(notRetired(startMillis), max);
    }

    @Override
    public long tryAcquire(String key, long amount, long nowMillis) {
        CounterArguments.check(key, amount);
        if (amount > max) {
            return RateLimitDenial.NEVER;
        }
        long now = notRetired(nowMillis);
        long newer = now;
        for (;;) {
            SlotState state = states.getOrCreate(key, now);
            long latest = state.latestMillis;
            if (latest == RETIRED) {
                states.forget(key, state);
                newer = now;
                continue;
            }
            long at = Math.max(newer, latest);
            long retryAfter = tryAcquire(state, (int) amount, at, now);
            if (retryAfter != 0) {
                // A call dated later may hold slots it has not published yet: this call, which came
                // after it, counts at that call's time, as it would had that call published first.
                long newest = newestUnit(state);
                if (newest > at) {
                    newer = newest;
                    continue;
                }
            }
            // Only now does the call's time become the key's latest: a call that has not yet claimed
            // never moves others forward. A key retired meanwhile may have missed this claim, so the
            // call is decided again on the key's successor.
            if (!publish(state, at)) {
                continue;
            }
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

    /** Raises the key's latest time to {@code at}; {@code false} when the key was retired. */
    private static boolean publish(SlotState state, long at) {
        for (;;) {
            long latest = state.latestMillis;
            if (latest == RETIRED) {
                return false;
            }
            if (at <= latest || LATEST.compareAndSet(state, latest, at)) {
                return true;
            }
        }
    }

    private long tryAcquire(SlotState state, int amount, long at, long now) {
        for (int attempt = 1; ; attempt++) {
            if (amount == 1 || hasFree(state, amount, at)) {
                int claimed = claim(state, amount, at);
                if (claimed == amount) {
                    return 0;
                }
                // other calls took the free slots meanwhile: give back the partial hold, all-or-nothing
                giveBack(state, claimed, at);
            }
            long retryAfter = retryAfter(state, amount, at, now);
            if (retryAfter != ROOM_MADE) {
                return retryAfter;
            }
            if (attempt == MAX_ATTEMPTS) {
                return 1; // calls keep releasing and taking room as fast as this one looks: retry at once
            }
            // a release made room while this call looked: try again
        }
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
     * {@code k}-th oldest has, {@code k} being what is missing; {@link #ROOM_MADE} when nothing is
     * missing any more. Allocates only when {@code k > 1}.
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
            return ROOM_MADE;
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

    /** The latest time any slot holds. */
    private long newestUnit(SlotState state) {
        long newest = NEVER_USED;
        for (int slot = 0; slot < max; slot++) {
            newest = Math.max(newest, slotTime(state, slot));
        }
        return newest;
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
            if (latest == RETIRED) {
                states.forget(key, state);
                continue;
            }
            long count = count(state, Math.max(notRetired(nowMillis), latest));
            // a call dated later may have claimed a slot during the scan: count again at its time
            if (state.latestMillis == latest) {
                return count;
            }
        }
        return 0;
    }

    /** The units in {@code (at - window, at]}; one a later-dated call is still claiming does not exist yet at {@code at}. */
    private long count(SlotState state, long at) {
        long count = 0;
        for (int slot = 0; slot < max; slot++) {
            long time = slotTime(state, slot);
            if (time <= at && isCounted(time, at)) {
                count++;
            }
        }
        return count;
    }

    @Override
    boolean retireIfIdle(SlotState state, long nowMillis) {
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
}
