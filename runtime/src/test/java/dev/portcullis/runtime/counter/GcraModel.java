package dev.portcullis.runtime.counter;

import dev.portcullis.runtime.RateLimitDenial;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;

/**
 * The token bucket's documented semantics for calls in any order, in unbounded integers: a
 * theoretical arrival time in absolute units of {@code 1/max} ms, no common-divisor reduction, no
 * origin to move, no overflow to guard against.
 */
final class GcraModel implements CounterModel {

    private static final class Key {
        long originMillis;
        long lastSeenMillis;
        BigInteger arrival;
    }

    private final BigInteger max;
    private final long windowMillis;
    private final BigInteger cost;
    private final BigInteger capacity;
    private final Map<String, Key> keys = new HashMap<>();
    private long floorMillis = Long.MIN_VALUE;

    GcraModel(long max, long windowMillis) {
        this.max = BigInteger.valueOf(max);
        this.windowMillis = windowMillis;
        this.cost = BigInteger.valueOf(windowMillis);
        this.capacity = this.max.multiply(cost);
    }

    private BigInteger units(long millis) {
        return BigInteger.valueOf(millis).multiply(max);
    }

    @Override
    public long tryAcquire(String name, long amount, long nowMillis) {
        if (amount > max.longValueExact()) {
            return RateLimitDenial.NEVER;
        }
        Key key = keys.computeIfAbsent(name, absent -> {
            Key created = new Key();
            created.originMillis = Math.max(nowMillis, floorMillis);
            created.lastSeenMillis = created.originMillis;
            created.arrival = units(created.originMillis);
            return created;
        });
        key.lastSeenMillis = Math.max(key.lastSeenMillis, nowMillis);
        long measuredAt = Math.max(nowMillis, key.originMillis);
        BigInteger now = units(measuredAt);
        BigInteger next = key.arrival.max(now).add(cost.multiply(BigInteger.valueOf(amount)));
        BigInteger debt = next.subtract(now);
        if (debt.compareTo(capacity) <= 0) {
            key.arrival = next;
            return 0;
        }
        BigInteger[] wait = debt.subtract(capacity).divideAndRemainder(max);
        long waitMillis = wait[0].longValueExact() + (wait[1].signum() > 0 ? 1 : 0);
        return waitMillis + (measuredAt - nowMillis);
    }

    @Override
    public void release(String name, long amount, long acquiredAtMillis) {
        Key key = keys.get(name);
        if (key == null) {
            return;
        }
        BigInteger refilled = units(Math.max(0, key.lastSeenMillis - acquiredAtMillis));
        BigInteger giveBack = cost.multiply(BigInteger.valueOf(amount)).subtract(refilled);
        if (giveBack.signum() > 0) {
            key.arrival = key.arrival.subtract(giveBack).max(units(key.originMillis));
        }
    }

    @Override
    public long count(String name, long nowMillis) {
        Key key = keys.get(name);
        if (key == null) {
            return 0;
        }
        BigInteger debt = key.arrival.subtract(units(Math.max(nowMillis, key.originMillis)));
        if (debt.signum() <= 0) {
            return 0;
        }
        BigInteger[] tokens = debt.divideAndRemainder(cost);
        return Math.min(max.longValueExact(), tokens[0].longValueExact() + (tokens[1].signum() > 0 ? 1 : 0));
    }

    @Override
    public void evictIdle(long nowMillis) {
        keys.values().removeIf(key -> {
            if (key.lastSeenMillis + windowMillis > nowMillis) {
                return false;
            }
            floorMillis = Math.max(floorMillis, key.lastSeenMillis + windowMillis);
            return true;
        });
    }

    @Override
    public int size() {
        return keys.size();
    }
}
