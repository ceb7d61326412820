package dev.portcullis.compiler.interpret;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.compiler.testing.Canonical;
import dev.portcullis.runtime.Decision;
import dev.portcullis.runtime.Effect;
import dev.portcullis.runtime.ToolCall;
import java.util.AbstractMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.DoubleAdder;
import org.junit.jupiter.api.Test;

/** Whatever the arguments hold, evaluation never throws: it fails closed. */
class EvaluationFailureTest {

    private final PolicyInterpreter policy = Canonical.interpreter("""
            {"version": "1", "default": "allow", "tools": {
              "pay": {"require": [{"path": "args.amount", "op": "lte", "value": 100}],
                      "limits": [{"counter": "pay_amount", "window": "day", "max": 1000, "increment_from": "args.amount"}]},
              "open": {}}}
            """);

    /** A map that throws on every read, like a lazily decoded payload that turns out corrupt. */
    private static final class ExplodingMap extends AbstractMap<String, Object> {
        @Override
        public Object get(Object key) {
            throw new IllegalStateException("corrupt payload");
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            throw new IllegalStateException("corrupt payload");
        }
    }

    private static void assertFailedClosed(Decision decision, String cause) {
        assertThat(decision.effect()).isEqualTo(Effect.DENY);
        assertThat(decision.ruleId()).isEqualTo("portcullis.evaluation_error");
        assertThat(decision.reason()).contains(cause).contains("denied to fail closed");
    }

    @Test
    void aMapWhoseGetThrowsDenies() {
        ToolCall call = ToolCall.builder("pay").arguments(new ExplodingMap()).build();
        assertFailedClosed(policy.decide(call), "IllegalStateException");
        assertFailedClosed(policy.reserve(call).decision(), "IllegalStateException");
    }

    @Test
    void aNestedMapWhoseGetThrowsDenies() {
        PolicyInterpreter nested = Canonical.interpreter("""
                {"version": "1", "tools": {"t": {"deny_if": [{"path": "args.a.b", "op": "eq", "value": 1}]}}}
                """);
        Map<String, Object> args = new HashMap<>();
        args.put("a", new ExplodingMap());
        assertFailedClosed(nested.decide(ToolCall.builder("t").arguments(args).build()), "IllegalStateException");
    }

    @Test
    void numbersThatCannotBeComparedExactlyDeny() {
        for (Object amount : List.of(Double.NaN, Double.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, new DoubleAdder())) {
            Map<String, Object> args = Map.of("amount", amount);
            assertFailedClosed(policy.decide(ToolCall.builder("pay").arguments(args).build()),
                    "IllegalArgumentException");
        }
    }

    @Test
    void aHostileIncrementDeniesWithoutCharging() {
        Map<String, Object> args = new HashMap<>();
        args.put("amount", 50);
        Map<String, Object> flaky = new AbstractMap<>() {
            private int reads;

            @Override
            public Object get(Object key) {
                if (++reads > 1) {
                    throw new IllegalStateException("changed under us");
                }
                return args.get(key);
            }

            @Override
            public Set<Entry<String, Object>> entrySet() {
                return args.entrySet();
            }
        };
        assertFailedClosed(policy.decide(ToolCall.builder("pay").arguments(flaky).build()), "IllegalStateException");
        for (int i = 0; i < 10; i++) {
            assertThat(policy.decide(ToolCall.builder("pay").arguments(Map.of("amount", 100)).build()).isAllowed())
                    .as("call %d: the failed call took nothing from the daily 1000", i).isTrue();
        }
    }

    @Test
    void otherToolsAreUnaffected() {
        assertThat(policy.decide(ToolCall.builder("open").arguments(new ExplodingMap()).build()).isAllowed())
                .as("no rule reads the arguments").isTrue();
        assertThat(policy.decide(ToolCall.of("open", null, 0)).isAllowed()).isTrue();
    }
}
