package dev.portcullis.compiler.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.compiler.interpret.PolicyInterpreter;
import dev.portcullis.compiler.ir.Policy;
import dev.portcullis.compiler.testing.Canonical;
import dev.portcullis.runtime.CompiledPolicy;
import dev.portcullis.runtime.Decision;
import dev.portcullis.runtime.Effect;
import dev.portcullis.runtime.Reservation;
import dev.portcullis.runtime.ToolCall;
import dev.portcullis.runtime.counter.CounterSpec;
import dev.portcullis.runtime.counter.CounterStore;
import dev.portcullis.runtime.counter.InMemoryCounterStore;
import dev.portcullis.runtime.counter.RateCounter;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A compiled policy never throws: any failure inside evaluation is a DENY naming it, and charges nothing. */
class FailClosedTest {

    private static final String POLICY = """
            {"version": "1", "default": "deny", "tools": {
              "pay": {"require": [{"path": "args.amount", "op": "lte", "value": 100}],
                      "limits": [{"counter": "first", "window": "minute", "max": 5},
                                 {"counter": "second", "window": "minute", "max": 5}]}}}""";

    private final Policy policy = Canonical.policy(POLICY);
    private final CompiledPolicyClass compiled = new BytecodeCompiler().compile(policy).compiled().orElseThrow();

    @Test
    void anArgumentThatCannotBeComparedDeniesAsTheInterpreterDoes() {
        CompiledPolicy bytecode = compiled.instantiate(new InMemoryCounterStore());
        CompiledPolicy interpreter = new PolicyInterpreter(policy, new InMemoryCounterStore());
        ToolCall nan = ToolCall.of("pay", Map.of("amount", Double.NaN), 0);
        Decision decision = bytecode.decide(nan);
        assertThat(decision.effect()).isEqualTo(Effect.DENY);
        assertThat(decision.ruleId()).isEqualTo("portcullis.evaluation_error");
        assertThat(decision.reason()).contains("IllegalArgumentException");
        assertThat(decision).isEqualTo(interpreter.decide(nan));
        assertThat(bytecode.reserve(nan).decision()).isEqualTo(decision);
    }

    @Test
    void argumentsThatThrowWhenReadDeny() {
        Map<String, Object> hostile = new AbstractMap<>() {
            @Override
            public Object get(Object key) {
                throw new IllegalStateException("boom");
            }

            @Override
            public Set<Entry<String, Object>> entrySet() {
                throw new UnsupportedOperationException("not iterable");
            }
        };
        CompiledPolicy bytecode = compiled.instantiate(new InMemoryCounterStore());
        ToolCall call = ToolCall.of("pay", hostile, 0);
        assertThat(bytecode.decide(call)).isEqualTo(Decision.evaluationFailed(new IllegalStateException()));
        assertThat(bytecode.reserve(call).decision().ruleId()).isEqualTo("portcullis.evaluation_error");
    }

    @Test
    void aCounterThatFailsDeniesAndGivesBackWhatWasTaken() {
        InMemoryCounterStore real = new InMemoryCounterStore();
        CounterStore failingSecond = spec -> spec.name().equals("second") ? new FailingCounter(spec) : real.counter(spec);
        CompiledPolicy bytecode = compiled.instantiate(failingSecond);
        ToolCall call = ToolCall.of("pay", Map.of("amount", 5), 0);
        Reservation reservation = bytecode.reserve(call);
        assertThat(reservation.decision().ruleId()).isEqualTo("portcullis.evaluation_error");
        assertThat(reservation.decision().reason()).contains("UnsupportedOperationException");
        assertThat(real.counter(new CounterSpec("first", dev.portcullis.runtime.counter.Algorithm.FIXED, 5, 60_000))
                .count("", 0)).as("the first limit's charge was given back").isZero();
        assertThat(bytecode.decide(call).effect()).isEqualTo(Effect.DENY);
    }

    @Test
    void releasingGivesBackToEveryCounterEvenWhenOneFails() {
        InMemoryCounterStore real = new InMemoryCounterStore();
        CounterStore releaseFails = spec -> spec.name().equals("second") ? new ReleaseFailingCounter(real.counter(spec))
                : real.counter(spec);
        Reservation reservation = compiled.instantiate(releaseFails).reserve(ToolCall.of("pay", Map.of("amount", 5), 0));
        assertThat(reservation.decision().isAllowed()).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(reservation::release).hasMessageContaining("release unavailable");
        assertThat(real.counter(new CounterSpec("first", dev.portcullis.runtime.counter.Algorithm.FIXED, 5, 60_000))
                .count("", 0)).as("the first limit got its quota back although the second failed").isZero();
        reservation.release(); // settled: a second release does nothing
    }

    /** Delegates everything but release, which fails. */
    private record ReleaseFailingCounter(RateCounter delegate) implements RateCounter {
        @Override
        public CounterSpec spec() {
            return delegate.spec();
        }

        @Override
        public long tryAcquire(String key, long amount, long nowMillis) {
            return delegate.tryAcquire(key, amount, nowMillis);
        }

        @Override
        public void release(String key, long amount, long acquiredAtMillis) {
            throw new IllegalStateException("release unavailable");
        }

        @Override
        public long count(String key, long nowMillis) {
            return delegate.count(key, nowMillis);
        }

        @Override
        public void evictIdle(long nowMillis) {
            delegate.evictIdle(nowMillis);
        }

        @Override
        public int size() {
            return delegate.size();
        }
    }

    /** A counter whose every acquisition fails, as a broken remote store might. */
    private record FailingCounter(CounterSpec spec) implements RateCounter {
        @Override
        public long tryAcquire(String key, long amount, long nowMillis) {
            throw new UnsupportedOperationException("store unavailable");
        }

        @Override
        public void release(String key, long amount, long acquiredAtMillis) {
        }

        @Override
        public long count(String key, long nowMillis) {
            return 0;
        }

        @Override
        public void evictIdle(long nowMillis) {
        }

        @Override
        public int size() {
            return 0;
        }
    }
}
