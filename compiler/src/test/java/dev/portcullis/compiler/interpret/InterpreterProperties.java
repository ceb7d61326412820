package dev.portcullis.compiler.interpret;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.compiler.ir.Policy;
import dev.portcullis.compiler.testing.Canonical;
import dev.portcullis.compiler.testing.TestCounterStore;
import dev.portcullis.runtime.Decision;
import dev.portcullis.runtime.Reservation;
import dev.portcullis.runtime.ToolCall;
import dev.portcullis.runtime.counter.RateCounter;
import dev.portcullis.runtime.eval.CounterKeys;
import dev.portcullis.runtime.eval.ValueSemantics;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Properties of the interpreter over random arguments and random call sequences. */
class InterpreterProperties {

    /** Every operator, a nested path, a per key, increment_from, shared and all_tools counters. */
    private static final Policy POLICY = Canonical.policy("""
            {"version": "1", "default": "deny",
             "counters": {"shared": {"window": "minute", "max": 7, "scope": "global"}},
             "tools": {
               "a": {"require": [{"any": [
                        {"path": "args.x", "op": "eq", "value": "s"}, {"path": "args.x", "op": "neq", "value": 3},
                        {"path": "args.x", "op": "in", "value": [1, "b", true]}, {"path": "args.x", "op": "lt", "value": 0.5},
                        {"path": "args.x", "op": "gte", "value": 100}, {"path": "args.x.y", "op": "regex", "value": "^a+"},
                        {"path": "args.x", "op": "contains", "value": 2}, {"path": "args.x", "op": "starts_with", "value": "p"},
                        {"path": "args.x", "op": "ends_with", "value": "q"}, {"path": "args.y", "op": "exists", "value": false}]}],
                     "limits": [{"counter": "shared", "increment_from": "args.n"},
                                {"counter": "a_per_x", "window": "minute", "max": 3, "per": "args.x"}]},
               "b": {"deny_if": [{"path": "args.x", "op": "not_in", "value": ["ok", 1]}],
                     "limits": [{"counter": "shared"}]}},
             "all_tools": {"limits": [{"counter": "everything", "window": "minute", "max": 10, "scope": "global"}]}}
            """);

    @Provide
    Arbitrary<Object> argumentValues() {
        Arbitrary<Object> scalars = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(4).withChars("abpqs0123.").map(s -> (Object) s),
                Arbitraries.integers().between(-3, 200).map(i -> (Object) i),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.doubles().between(-10, 300).map(d -> (Object) d),
                Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Float.NaN).map(d -> (Object) d),
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30))
                        .map(b -> (Object) b),
                Arbitraries.of(new BigDecimal("1.000"), new BigDecimal("1E+3"), new BigDecimal("0.5")).map(b -> (Object) b),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just(null));
        return Arbitraries.recursive(() -> scalars, this::containers, 3);
    }

    private Arbitrary<Object> containers(Arbitrary<Object> elements) {
        Arbitrary<Object> lists = elements.list().ofMaxSize(3).map(l -> (Object) new ArrayList<>(l));
        Arbitrary<Object> maps = Combinators.combine(Arbitraries.of("x", "y", "n"), elements)
                .as((key, value) -> {
                    Map<String, Object> map = new HashMap<>();
                    map.put(key, value);
                    return (Object) map;
                });
        return Arbitraries.oneOf(lists, maps, elements);
    }

    @Provide
    Arbitrary<Map<String, Object>> arguments() {
        return Combinators.combine(argumentValues(), argumentValues(), argumentValues()).as((x, y, n) -> {
            Map<String, Object> args = new HashMap<>();
            args.put("x", x);
            args.put("y", y);
            args.put("n", n);
            return args;
        });
    }

    @Property(tries = 400)
    void anyArgumentsGetADecisionAndADenialChargesNothing(@ForAll("arguments") Map<String, Object> args,
                                                          @ForAll("tools") String tool) {
        TestCounterStore store = new TestCounterStore();
        PolicyInterpreter interpreter = new PolicyInterpreter(POLICY, store);
        ToolCall call = ToolCall.builder(tool).arguments(args).grant("g").build();

        Reservation reservation = interpreter.reserve(call);

        Decision decision = reservation.decision();
        assertThat(decision).isNotNull();
        if (!decision.isAllowed()) {
            assertThat(store.total()).as("%s", decision).isZero();
        }
        reservation.release();
        assertThat(store.total()).as("released %s", decision).isZero();
        assertThat(interpreter.reserve(call).decision()).as("deterministic").isEqualTo(decision);
    }

    @Provide
    Arbitrary<String> tools() {
        return Arbitraries.of("a", "b", "c");
    }

    /** One step of a random session: which tool, how much, and how the reservation ends. */
    record Step(String tool, int amount, boolean commit) {
    }

    @Provide
    Arbitrary<List<Step>> sessions() {
        return Combinators.combine(Arbitraries.of("a", "b"), Arbitraries.integers().between(0, 4),
                Arbitraries.of(true, false)).as(Step::new).list().ofMaxSize(30);
    }

    /** Committed quota stays, released quota comes back: the shared counter holds exactly the committed sum. */
    @Property(tries = 200)
    void countersHoldExactlyWhatWasCommitted(@ForAll("sessions") List<Step> steps) {
        TestCounterStore store = new TestCounterStore();
        PolicyInterpreter interpreter = new PolicyInterpreter(POLICY, store);
        RateCounter shared = store.counter(POLICY.counters().get("shared").spec());
        RateCounter everything = store.counter(POLICY.counters().get("everything").spec());
        long committedShared = 0;
        long committedCalls = 0;
        for (Step step : steps) {
            Map<String, Object> args = step.tool().equals("a") ? Map.of("x", "s", "n", step.amount())
                    : Map.of("x", "ok");
            Reservation reservation = interpreter.reserve(ToolCall.builder(step.tool()).arguments(args).build());
            if (reservation.decision().isAllowed() && step.commit()) {
                committedShared += step.tool().equals("a") ? step.amount() : 1;
                committedCalls++;
                reservation.commit();
            } else {
                reservation.release();
            }
            assertThat(shared.count("", 0)).isEqualTo(committedShared);
            assertThat(everything.count("", 0)).isEqualTo(committedCalls);
            assertThat(shared.count("", 0)).isLessThanOrEqualTo(7);
        }
    }

    /** However a whole number is represented, it equals, orders and keys the same. */
    @Property(tries = 300)
    void numberRepresentationsAgree(@ForAll @IntRange(min = -1_000_000, max = 1_000_000) int n,
                                    @ForAll @Size(max = 3) List<@IntRange(min = 0, max = 6) Integer> scales) {
        BigDecimal exact = BigDecimal.valueOf(n);
        List<Object> forms = new ArrayList<>(Arrays.asList(n, (long) n, (double) n, BigInteger.valueOf(n)));
        scales.forEach(scale -> forms.add(exact.setScale(scale)));
        for (Object form : forms) {
            assertThat(ValueSemantics.equal(form, exact)).as("%s (%s)", form, form.getClass()).isTrue();
            assertThat(ValueSemantics.equal(form, Integer.toString(n))).as("text of %s", form).isTrue();
            assertThat(ValueSemantics.compareNumber(form, exact.add(BigDecimal.ONE))).isEqualTo(-1);
            assertThat(CounterKeys.withPer("g", form)).isEqualTo(CounterKeys.withPer("g", n));
        }
    }
}
