package dev.portcullis.runtime.counter;

import dev.portcullis.runtime.RateLimitDenial;

import java.util.HashMap;
import java.util.Map;

/**
 * The textbook token bucket: a level that refills by {@code max} tokens per window up to
 * {@code max}, kept in exact integer units (a token is {@code window} units, a millisecond refills
 * {@code max} units). Defined for calls in time order only, which is where the textbook has an answer.
 */
final class TokenBucketModel implements CounterModel {

    private static final class Key {
        long levelUnits;
        long lastMillis;
    }

    private final long max;
    private final long windowMillis;
    private final long capacityUnits;
    private final Map<String, Key> keys = new HashMap<>();

    TokenBucketModel(long max, long windowMillis) {
        this.max = max;
        this.windowMillis = windowMillis;
        this.capacityUnits = max * windowMillis;
    }

    private long levelAt(Key key, long nowMillis) {
        if (nowMillis < key.lastMillis) {
            throw new IllegalStateException("the textbook model needs calls in time order");
        }
        return Math.min(capacityUnits, key.levelUnits + (nowMillis - key.lastMillis) * max);
    }

    @Override
    public long tryAcquire(String name, long amount, long nowMillis) {
        if (amount > max) {
            return RateLimitDenial.NEVER;
        }
        Key key = keys.computeIfAbsent(name, absent -> {
            Key created = new Key();
            created.levelUnits = capacityUnits;
            created.lastMillis = nowMillis;
            return created;
        });
        key.levelUnits = levelAt(key, nowMillis);
        key.lastMillis = nowMillis;
        long cost = amount * windowMillis;
        if (key.levelUnits >= cost) {
            key.levelUnits -= cost;
            return 0;
        }
        long missing = cost - key.levelUnits;
        return (missing + max - 1) / max;
    }

    @Override
    public void release(String name, long amount, long acquiredAtMillis) {
        Key key = keys.get(name);
        if (key == null) {
            return;
        }
        long refilledSince = (key.lastMillis - acquiredAtMillis) * max;
        long giveBack = Math.max(0, amount * windowMillis - refilledSince);
        key.levelUnits = Math.min(capacityUnits, key.levelUnits + giveBack);
    }

    @Override
    public long count(String name, long nowMillis) {
        Key key = keys.get(name);
        if (key == null) {
            return 0;
        }
        long used = capacityUnits - levelAt(key, nowMillis);
        return (used + windowMillis - 1) / windowMillis;
    }

    @Override
    public void evictIdle(long nowMillis) {
        keys.values().removeIf(key -> key.lastMillis + windowMillis <= nowMillis);
    }

    @Override
    public int size() {
        return keys.size();
    }
}
