package dev.portcullis.runtime.counter;

import dev.portcullis.runtime.RateLimitDenial;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Every admitted call is kept with the window it was counted in; a window's count is their sum. */
final class FixedWindowModel implements CounterModel {

    private record Call(long window, long amount, long atMillis) {
    }

    private static final class Key {
        long newestWindow;
        final List<Call> calls = new ArrayList<>();

        long countIn(long window) {
            return calls.stream().filter(call -> call.window == window).mapToLong(Call::amount).sum();
        }
    }

    private final long max;
    private final long windowMillis;
    private final Map<String, Key> keys = new HashMap<>();
    private long floorMillis = Long.MIN_VALUE;

    FixedWindowModel(long max, long windowMillis) {
        this.max = max;
        this.windowMillis = windowMillis;
    }

    private long windowOf(long millis) {
        return Math.floorDiv(millis, windowMillis);
    }

    @Override
    public long tryAcquire(String name, long amount, long nowMillis) {
        if (amount > max) {
            return RateLimitDenial.NEVER;
        }
        Key key = keys.computeIfAbsent(name, absent -> {
            Key created = new Key();
            created.newestWindow = windowOf(Math.max(nowMillis, floorMillis));
            return created;
        });
        key.newestWindow = Math.max(key.newestWindow, windowOf(nowMillis));
        key.calls.removeIf(call -> call.window < key.newestWindow); // ended windows never count again
        if (key.countIn(key.newestWindow) + amount > max) {
            return (key.newestWindow + 1) * windowMillis - nowMillis;
        }
        key.calls.add(new Call(key.newestWindow, amount, nowMillis));
        return 0;
    }

    @Override
    public void release(String name, long amount, long acquiredAtMillis) {
        Key key = keys.get(name);
        if (key == null || windowOf(acquiredAtMillis) != key.newestWindow) {
            return;
        }
        for (int index = key.calls.size() - 1; index >= 0; index--) {
            Call call = key.calls.get(index);
            if (call.atMillis == acquiredAtMillis && call.amount == amount) {
                key.calls.remove(index);
                return;
            }
        }
        throw new AssertionError("released a call that was never admitted in the newest window");
    }

    @Override
    public long count(String name, long nowMillis) {
        Key key = keys.get(name);
        if (key == null || windowOf(nowMillis) > key.newestWindow) {
            return 0;
        }
        return key.countIn(key.newestWindow);
    }

    @Override
    public void evictIdle(long nowMillis) {
        keys.values().removeIf(key -> {
            if (key.newestWindow >= windowOf(nowMillis)) {
                return false;
            }
            floorMillis = Math.max(floorMillis, (key.newestWindow + 1) * windowMillis);
            return true;
        });
    }

    @Override
    public int size() {
        return keys.size();
    }
}
