package dev.portcullis.runtime.counter;

import dev.portcullis.runtime.RateLimitDenial;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Optional;

/**
 * A token bucket of capacity {@code max}, refilled evenly at {@code max} tokens per window; a key
 * starts full.
 *
 * <p><b>Integer-only GCRA.</b> Each key holds one {@code long}: the theoretical arrival time (TAT),
 * the time at which its bucket will be full again, in units of {@code 1/rate} ms where
 * {@code rate = max / gcd(max, window)}; a token costs {@code window / gcd(max, window)} units and the
 * capacity is {@code max} tokens. A call of {@code amount} is admitted when
 * {@code max(TAT, now) + amount * cost - now <= capacity}, by a CAS; the retry-after is the exact
 * ceiling of the missing units over the rate. Nothing is rounded, so the counter admits exactly what
 * a token bucket computed with rational numbers admits. Admitting a call on an existing key
 * allocates nothing. TATs are relative to a per-key origin; after about {@code 2^61 / rate} ms (at
 * least 73 years for {@code max <= 10^6}) the key moves to a new origin, carrying its TAT over; a call
 * dated more than half that span before the key's latest call is then measured at the origin.
 *
 * <p><b>Release.</b> Giving back {@code amount} taken at {@code t} returns the tokens that have not
 * refilled since: {@code amount * cost - (latestSeen - t) * rate} units, where {@code latestSeen} is
 * the latest time any call on the key has carried. Tokens that have refilled are not given back
 * twice. When no call dated after {@code t} was made meanwhile (an immediate rollback), the release
 * is exact; otherwise it gives back no more than a bucket that never saw the call would hold, so a
 * release never lets the counter admit more than a token bucket admitting only the calls that were
 * kept.
 *
 * <p><b>Time going backwards.</b> A call dated before the key's latest call is measured at its own
 * time: the bucket is as full as it would have been then, given every call admitted so far, which is
 * never fuller than at the latest time. A call dated before the key's origin (the key was created,
 * or evicted and recreated, later) is measured at the origin; its retry-after counts from its own
 * time.
 *
 * <p><b>Memory.</b> A key is idle once a whole window has passed since the latest call on it (its
 * bucket is then full) and is evicted by {@link #evictIdle} or the sweep creating keys triggers:
 * memory stays within about twice the keys in use. A recreated key's origin is no earlier than the
 * moment the evicted state stopped mattering.
 */
public final class TokenBucketCounter extends KeyedCounter<TokenBucketCounter.BucketState> {

    private static final long RETIRED = -1;
    private static final long DEFAULT_ORIGIN_SPAN_UNITS = Long.MAX_VALUE / 4;
    private static final VarHandle ARRIVAL;
    private static final VarHandle LAST_SEEN;
    private static final VarHandle SUCCESSOR;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            ARRIVAL = lookup.findVarHandle(BucketState.class, "theoreticalArrival", long.class);
            LAST_SEEN = lookup.findVarHandle(BucketState.class, "lastSeenMillis", long.class);
            SUCCESSOR = lookup.findVarHandle(BucketState.class, "successor", BucketState.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * One key's bucket. {@code successor} is claimed (CAS from {@code null}) by whoever retires the
     * state, before it sets {@link #RETIRED}: the new state when moving the origin, or the counter's
     * {@code forgotten} marker when evicting. Once retired, the claim is final.
     */
    static final class BucketState {
        final long originMillis;
        volatile long theoreticalArrival;
        volatile long lastSeenMillis;
        volatile BucketState successor;

        BucketState(long originMillis, long theoreticalArrival, long lastSeenMillis) {
            this.originMillis = originMillis;
            this.theoreticalArrival = theoreticalArrival;
            this.lastSeenMillis = lastSeenMillis;
        }
    }

    private final long max;
    private final long windowMillis;
    private final long unitsPerMilli;
    private final long unitsPerToken;
    private final long capacityUnits;
    private final long originSpanMillis;
    private final BucketState forgotten = new BucketState(0, RETIRED, 0);

    public TokenBucketCounter(CounterSpec spec) {
        this(spec, -1);
    }

    /** @param originSpanMillis how long a key keeps one time origin; {@code -1} for the safe maximum */
    TokenBucketCounter(CounterSpec spec, long originSpanMillis) {
        super(spec, Algorithm.TOKEN_BUCKET);
        this.max = spec.max();
        this.windowMillis = spec.windowMillis();
        long divisor = greatestCommonDivisor(max, windowMillis);
        this.unitsPerMilli = max / divisor;
        this.unitsPerToken = windowMillis / divisor;
        unsupported(spec).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        this.capacityUnits = SaturatingMath.multiply(max, unitsPerToken);
        long safeSpan = DEFAULT_ORIGIN_SPAN_UNITS / unitsPerMilli;
        this.originSpanMillis = originSpanMillis < 0 ? safeSpan : Math.min(originSpanMillis, safeSpan);
    }

    @Override
    BucketState newState(long startMillis) {
        return new BucketState(startMillis, 0, startMillis);
    }

    @Override
    BucketState successorOf(BucketState retired) {
        BucketState successor = retired.successor;
        return successor == forgotten ? null : successor;
    }

    /**
     * Why this class cannot count {@code spec} exactly, if it cannot: its capacity in units
     * ({@code max × window / gcd(max, window)}) must leave room for the time arithmetic.
     */
    static Optional<String> unsupported(CounterSpec spec) {
        long unitsPerToken = spec.windowMillis() / greatestCommonDivisor(spec.max(), spec.windowMillis());
        if (SaturatingMath.multiply(spec.max(), unitsPerToken) <= DEFAULT_ORIGIN_SPAN_UNITS) {
            return Optional.empty();
        }
        return Optional.of("counter '" + spec.name() + "': a token bucket of max " + spec.max() + " per "
                + spec.windowMillis() + " ms is beyond exact integer arithmetic; use a smaller max or window");
    }

    private static long greatestCommonDivisor(long a, long b) {
        while (b != 0) {
            long remainder = a % b;
            a = b;
            b = remainder;
        }
        return a;
    }

    @Override
    public long tryAcquire(String key, long amount, long nowMillis) {
        CounterArguments.check(key, amount);
        if (amount > max) {
            return RateLimitDenial.NEVER;
        }
        long cost = amount * unitsPerToken; // amount <= max, so cost <= capacity
        for (;;) {
            BucketState state = states.getOrCreate(key, nowMillis);
            long result = tryAcquire(state, cost, nowMillis);
            if (result != RETIRED) {
                return result;
            }
            states.forget(key, state);
        }
    }

    private long tryAcquire(BucketState state, long cost, long nowMillis) {
        // before the CAS: a release must see every admitted call's time (see release)
        observe(state, nowMillis);
        for (;;) {
            long arrival = state.theoreticalArrival;
            if (arrival == RETIRED) {
                return RETIRED;
            }
            long elapsed = elapsedSinceOrigin(state, nowMillis);
            if (elapsed > originSpanMillis) {
                if (moveOrigin(state, arrival, nowMillis)) {
                    return RETIRED;
                }
                continue;
            }
            long nowUnits = elapsed * unitsPerMilli;
            long nextArrival = Math.max(arrival, nowUnits) + cost;
            long debt = nextArrival - nowUnits;
            if (debt > capacityUnits) {
                long waitFromOrigin = SaturatingMath.ceilDivide(debt - capacityUnits, unitsPerMilli);
                return SaturatingMath.add(waitFromOrigin, Math.max(0, SaturatingMath.subtract(state.originMillis, nowMillis)));
            }
            if (ARRIVAL.compareAndSet(state, arrival, nextArrival)) {
                return 0;
            }
        }
    }

    private static void observe(BucketState state, long nowMillis) {
        long seen = state.lastSeenMillis;
        while (nowMillis > seen && !LAST_SEEN.compareAndSet(state, seen, nowMillis)) {
            seen = state.lastSeenMillis;
        }
    }

    private static long elapsedSinceOrigin(BucketState state, long nowMillis) {
        return nowMillis <= state.originMillis ? 0 : SaturatingMath.subtract(nowMillis, state.originMillis);
    }

    /**
     * Replaces the state by one whose origin is half a span before {@code nowMillis}, carrying the
     * bucket over, so that calls dated up to half a span before the latest are still measured at
     * their own time.
     */
    private boolean moveOrigin(BucketState state, long arrival, long nowMillis) {
        long origin = nowMillis - originSpanMillis / 2;
        long shift = SaturatingMath.subtract(origin, state.originMillis); // positive: now is over a span past the old origin
        long carried = shift >= SaturatingMath.ceilDivide(arrival, unitsPerMilli) ? 0 : arrival - shift * unitsPerMilli;
        BucketState next = new BucketState(origin, carried, Math.max(state.lastSeenMillis, nowMillis));
        return retire(state, arrival, next);
    }

    /** Claims the successor slot, then retires; undoes the claim when the state changed meanwhile. */
    private static boolean retire(BucketState state, long arrival, BucketState successor) {
        if (!SUCCESSOR.compareAndSet(state, null, successor)) {
            Thread.onSpinWait(); // another thread is retiring this state right now
            return false;
        }
        if (ARRIVAL.compareAndSet(state, arrival, RETIRED)) {
            return true;
        }
        SUCCESSOR.setVolatile(state, null);
        return false;
    }

    @Override
    public void release(String key, long amount, long acquiredAtMillis) {
        CounterArguments.check(key, amount);
        long cost = Math.min(amount, max) * unitsPerToken;
        BucketState state = states.get(key);
        while (state != null) {
            long arrival = state.theoreticalArrival;
            if (arrival == RETIRED) {
                states.forget(key, state);
                state = states.get(key);
                continue;
            }
            // read after the TAT: every call already in the TAT has raised lastSeen before its CAS
            long sinceAcquired = Math.max(0, SaturatingMath.subtract(state.lastSeenMillis, acquiredAtMillis));
            long refilled = sinceAcquired >= windowMillis ? capacityUnits : sinceAcquired * unitsPerMilli;
            long giveBack = cost - refilled;
            if (giveBack <= 0 || arrival == 0) {
                return;
            }
            if (ARRIVAL.compareAndSet(state, arrival, Math.max(0, arrival - giveBack))) {
                return;
            }
        }
    }

    @Override
    public long count(String key, long nowMillis) {
        BucketState state = states.get(key);
        long arrival = RETIRED;
        while (state != null && (arrival = state.theoreticalArrival) == RETIRED) {
            states.forget(key, state); // follow a moved origin to its successor
            state = states.get(key);
        }
        if (state == null) {
            return 0;
        }
        long elapsed = elapsedSinceOrigin(state, nowMillis);
        if (elapsed >= SaturatingMath.ceilDivide(arrival, unitsPerMilli)) {
            return 0;
        }
        long debt = arrival - elapsed * unitsPerMilli;
        return Math.min(max, SaturatingMath.ceilDivide(debt, unitsPerToken));
    }

    @Override
    boolean retireIfIdle(BucketState state, long nowMillis) {
        long arrival = state.theoreticalArrival;
        if (arrival == RETIRED) {
            return false;
        }
        // lastSeen read after the TAT, as in release
        long idleFrom = SaturatingMath.add(state.lastSeenMillis, windowMillis);
        if (idleFrom > nowMillis) {
            return false;
        }
        states.raiseFloor(idleFrom);
        return retire(state, arrival, forgotten);
    }
}
