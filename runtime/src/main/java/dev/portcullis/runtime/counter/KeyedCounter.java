package dev.portcullis.runtime.counter;

/**
 * What the in-memory counters share: their spec, their per-key states under the retirement protocol
 * of {@link KeyedStates}, and the methods that only pass through to those. A counter supplies how a
 * key's state starts, when it retires, and (for a token bucket moving its time origin) what follows it.
 *
 * @param <S> the state one key holds
 */
abstract class KeyedCounter<S> implements RateCounter {

    private final CounterSpec spec;
    final KeyedStates<S> states;

    KeyedCounter(CounterSpec spec, Algorithm algorithm) {
        this.spec = CounterArguments.requireAlgorithm(spec, algorithm);
        // the states call back only once the counter is fully constructed: on its first call
        this.states = new KeyedStates<>(new KeyedStates.Kind<>() {
            @Override
            public S create(long startMillis) {
                return newState(startMillis);
            }

            @Override
            public boolean retireIfIdle(S state, long nowMillis) {
                return KeyedCounter.this.retireIfIdle(state, nowMillis);
            }

            @Override
            public S successorOf(S retired) {
                return KeyedCounter.this.successorOf(retired);
            }
        });
    }

    /** A fresh state whose time starts at {@code startMillis} ({@link KeyedStates.Kind#create}). */
    abstract S newState(long startMillis);

    /** {@link KeyedStates.Kind#retireIfIdle}. */
    abstract boolean retireIfIdle(S state, long nowMillis);

    /** {@link KeyedStates.Kind#successorOf}: none by default, the key is forgotten. */
    S successorOf(S retired) {
        return null;
    }

    @Override
    public final CounterSpec spec() {
        return spec;
    }

    @Override
    public final void evictIdle(long nowMillis) {
        states.evictIdle(nowMillis);
    }

    @Override
    public final int size() {
        return states.size();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + spec.name() + ", max " + spec.max() + " per " + spec.windowMillis() + " ms]";
    }
}
