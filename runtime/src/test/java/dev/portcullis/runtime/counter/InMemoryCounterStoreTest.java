package dev.portcullis.runtime.counter;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InMemoryCounterStoreTest {

    @Test
    void theSameNameAndDefinitionIsOneSharedBudget() {
        InMemoryCounterStore store = new InMemoryCounterStore();
        CounterSpec spec = new CounterSpec("exports", Algorithm.FIXED, 2, 60_000);

        RateCounter first = store.counter(spec);
        RateCounter second = store.counter(new CounterSpec("exports", Algorithm.FIXED, 2, 60_000));
        first.tryAcquire("grant-1", 2, 0);

        assertThat(second).isSameAs(first);
        assertThat(second.tryAcquire("grant-1", 1, 0)).isPositive();
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void eachAlgorithmGetsItsCounter() {
        InMemoryCounterStore store = new InMemoryCounterStore();

        assertThat(store.counter(new CounterSpec("a", Algorithm.FIXED, 1, 1000))).isInstanceOf(FixedWindowCounter.class);
        assertThat(store.counter(new CounterSpec("b", Algorithm.SLIDING, 1, 1000))).isInstanceOf(SlidingWindowCounter.class);
        assertThat(store.counter(new CounterSpec("c", Algorithm.TOKEN_BUCKET, 1, 1000))).isInstanceOf(TokenBucketCounter.class);
    }

    @Test
    void aConflictingDefinitionOfTheSameNameIsRefusedWithBothDefinitions() {
        InMemoryCounterStore store = new InMemoryCounterStore();
        store.counter(new CounterSpec("exports", Algorithm.FIXED, 10, 60_000));

        assertThatThrownBy(() -> store.counter(new CounterSpec("exports", Algorithm.SLIDING, 5, 1000)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("counter 'exports' is already defined as fixed with max 10 per 60000 ms; it cannot also be"
                        + " sliding with max 5 per 1000 ms (limits that name the same counter share one budget and must"
                        + " define it alike)");
    }

    @Test
    void evictIdleSweepsEveryCounter() {
        InMemoryCounterStore store = new InMemoryCounterStore();
        RateCounter fixed = store.counter(new CounterSpec("a", Algorithm.FIXED, 1, 1000));
        RateCounter bucket = store.counter(new CounterSpec("b", Algorithm.TOKEN_BUCKET, 1, 1000));
        fixed.tryAcquire("k", 1, 0);
        bucket.tryAcquire("k", 1, 0);

        store.evictIdle(1000);

        assertThat(fixed.size()).isZero();
        assertThat(bucket.size()).isZero();
    }
}
