package dev.portcullis.runtime.loader;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.runtime.CompiledPolicy;
import dev.portcullis.runtime.Decision;
import dev.portcullis.runtime.Reservation;
import dev.portcullis.runtime.ToolCall;
import dev.portcullis.runtime.counter.Algorithm;
import dev.portcullis.runtime.counter.CounterSpec;
import dev.portcullis.runtime.counter.RateCounter;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SwappablePolicyTest {

    /** A policy that allows every call, naming its version. */
    private record Version(String name) implements CompiledPolicy {
        @Override
        public boolean isHidden(String tool) {
            return tool.equals(name);
        }

        @Override
        public Reservation reserve(ToolCall call) {
            Decision decision = Decision.allow(name, name);
            return new Reservation() {
                @Override
                public Decision decision() {
                    return decision;
                }

                @Override
                public void commit() {
                }

                @Override
                public void release() {
                }
            };
        }
    }

    @Test
    void callsDuringSwapsSeeOneVersionOrTheOtherAndLaterCallsTheNewOne() throws InterruptedException {
        SwappablePolicy policy = new SwappablePolicy(new Version("v0"));
        Set<String> seen = ConcurrentHashMap.newKeySet();
        AtomicBoolean running = new AtomicBoolean(true);
        CountDownLatch started = new CountDownLatch(2);
        Thread[] deciders = new Thread[2];
        for (int t = 0; t < deciders.length; t++) {
            deciders[t] = new Thread(() -> {
                started.countDown();
                ToolCall call = ToolCall.of("x", Map.of(), 0);
                while (running.get()) {
                    seen.add(policy.decide(call).ruleId());
                }
            });
            deciders[t].start();
        }
        started.await();
        for (int version = 1; version <= 200; version++) {
            CompiledPolicy previous = policy.swap(new Version("v" + version));
            assertThat(((Version) previous).name()).isEqualTo("v" + (version - 1));
        }
        running.set(false);
        for (Thread decider : deciders) {
            decider.join();
        }
        assertThat(seen).allMatch(id -> id.matches("v\\d+"));
        assertThat(policy.decide(ToolCall.of("x", Map.of(), 0)).ruleId()).isEqualTo("v200");
        assertThat(policy.name()).isEqualTo("v200");
        assertThat(policy.isHidden("v200")).isTrue();
        assertThat(policy.reserve(ToolCall.of("x", Map.of(), 0)).decision().ruleId()).isEqualTo("v200");
    }

    @Test
    void retainingStoreKeepsUnchangedCountersAndReplacesChangedOnes() {
        RetainingCounterStore store = new RetainingCounterStore();
        CounterSpec spec = new CounterSpec("c", Algorithm.FIXED, 3, 60_000);
        RateCounter first = store.counter(spec);
        first.tryAcquire("k", 2, 1_000);
        assertThat(store.counter(new CounterSpec("c", Algorithm.FIXED, 3, 60_000))).isSameAs(first);
        RateCounter changed = store.counter(new CounterSpec("c", Algorithm.FIXED, 4, 60_000));
        assertThat(changed).isNotSameAs(first);
        assertThat(changed.count("k", 1_000)).isZero();
        assertThat(first.count("k", 1_000)).as("the old policy's counter is left alone").isEqualTo(2);
        assertThat(store.counter(new CounterSpec("c", Algorithm.SLIDING, 4, 60_000))).isNotSameAs(changed);
        assertThat(store.size()).isEqualTo(1);
        store.evictIdle(10_000_000);
    }
}
