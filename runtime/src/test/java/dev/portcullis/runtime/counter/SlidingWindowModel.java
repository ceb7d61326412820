package dev.portcullis.runtime.counter;

import dev.portcullis.runtime.RateLimitDenial;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every admitted call is kept with the time it was counted at and what is left of it after releases;
 * window sums are recomputed from scratch, and the retry-after is found by trying each later moment
 * at which a call leaves the window.
 */
final class SlidingWindowModel implements CounterModel {

    private static final class Call {
        final long atMillis;
        long amount;

        Call(long atMillis, long amount) {
            this.atMillis = atMillis;
            this.amount = amount;
        }
    }

    private static final class Key {
        long latestMillis;
        final List<Call> calls = new ArrayList<>();
    }

    private final long max;
    private final long windowMillis;
    private final Map<String, Key> keys = new HashMap<>();
    private long floorMillis = Long.MIN_VALUE;

    SlidingWindowModel(long max, long windowMillis) {
        this.max = max;
        this.windowMillis = windowMillis;
    }

    private long sumOver(Key key, long endMillis) {
        return key.calls.stream().filter(call -> inWindowEndingAt(call, endMillis)).mapToLong(call -> call.amount).sum();
    }

    private boolean inWindowEndingAt(Call call, long endMillis) {
        return call.atMillis <= endMillis && endMillis - call.atMillis < windowMillis;
    }

    @Override
    public long tryAcquire(String name, long amount, long nowMillis) {
        if (amount > max) {
            return RateLimitDenial.NEVER;
        }
        Key key = keys.computeIfAbsent(name, absent -> {
            Key created = new Key();
            created.latestMillis = Math.max(nowMillis, floorMillis);
            return created;
        });
        long at = Math.max(nowMillis, key.latestMillis);
        key.latestMillis = at;
        key.calls.removeIf(call -> !inWindowEndingAt(call, at)); // no later window contains them again
        if (sumOver(key, at) + amount <= max) {
            key.calls.add(new Call(at, amount));
            return 0;
        }
        return key.calls.stream()
                .map(call -> call.atMillis + windowMillis)
                .filter(moment -> moment > at)
                .sorted()
                .filter(moment -> sumOver(key, moment) + amount <= max)
                .findFirst()
                .orElseThrow()
                - nowMillis;
    }

    @Override
    public void release(String name, long amount, long acquiredAtMillis) {
        Key key = keys.get(name);
        if (key == null) {
            return;
        }
        long remaining = amount;
        List<Call> candidates = key.calls.stream()
                .filter(call -> call.atMillis <= acquiredAtMillis && inWindowEndingAt(call, key.latestMillis))
                .sorted(Comparator.comparingLong((Call call) -> call.atMillis).reversed())
                .toList();
        for (Call call : candidates) {
            long taken = Math.min(remaining, call.amount);
            call.amount -= taken;
            remaining -= taken;
        }
    }

    @Override
    public long count(String name, long nowMillis) {
        Key key = keys.get(name);
        return key == null ? 0 : sumOver(key, Math.max(nowMillis, key.latestMillis));
    }

    @Override
    public void evictIdle(long nowMillis) {
        keys.values().removeIf(key -> {
            if (key.latestMillis + windowMillis > nowMillis) {
                return false;
            }
            floorMillis = Math.max(floorMillis, key.latestMillis + windowMillis);
            return true;
        });
    }

    @Override
    public int size() {
        return keys.size();
    }
}
