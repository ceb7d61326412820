package dev.portcullis.compiler.interpret;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.compiler.codegen.BytecodeCompiler;
import dev.portcullis.compiler.ir.Policy;
import dev.portcullis.compiler.testing.Canonical;
import dev.portcullis.compiler.testing.FixedWindowTestCounter;
import dev.portcullis.compiler.testing.TestCounterStore;
import dev.portcullis.runtime.CompiledPolicy;
import dev.portcullis.runtime.Decision;
import dev.portcullis.runtime.Effect;
import dev.portcullis.runtime.RateLimitDenial;
import dev.portcullis.runtime.Reservation;
import dev.portcullis.runtime.ToolCall;
import dev.portcullis.runtime.counter.CounterSpec;
import dev.portcullis.runtime.counter.CounterStore;
import dev.portcullis.runtime.counter.RateCounter;
import dev.portcullis.runtime.eval.CounterKeys;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Limits: two-phase reservations, shared budgets, all-or-nothing charging, keys and increments. */
class ReservationTest {

    private static final String FHIR = """
            {"version": "1", "default": "deny",
             "counters": {"fhir_writes": {"window": "minute", "max": 3, "scope": "grant"}},
             "tools": {
               "start_fhir_export_job": {"limits": [
                 {"counter": "start_fhir_export_job_rate", "window": "minute", "max": 2, "scope": "grant"}]},
               "create_fhir_resource": {"limits": [{"counter": "fhir_writes"}]},
               "update_fhir_resource": {"limits": [{"counter": "fhir_writes"}]}
             }}
            """;

    private static final String FOUR_WRITES_A_MINUTE = """
            {"version": "1",
             "tools": {"write": {"limits": [{"counter": "w", "window": "minute", "max": 4}]}},
             "all_tools": {"limits": [{"counter": "every_call", "window": "minute", "max": 5, "scope": "global"}]}}
            """;

    private static ToolCall call(String tool, String grant, long time) {
        return ToolCall.builder(tool).grant(grant).timeMillis(time).build();
    }

    private static ToolCall call(String tool, String args) {
        return ToolCall.builder(tool).arguments(Canonical.args(args)).grant("g").timeMillis(0).build();
    }

    @Nested
    class TwoPhase {

        private final PolicyInterpreter policy = Canonical.interpreter(FHIR);
        private final ToolCall start = call("start_fhir_export_job", "g1", 1_000);

        @Test
        void aReleasedReservationGivesItsQuotaBack() {
            Reservation first = policy.reserve(start);
            Reservation second = policy.reserve(start);
            assertThat(first.decision().isAllowed()).isTrue();
            assertThat(second.decision().isAllowed()).isTrue();
            assertThat(policy.reserve(start).decision().ruleId()).isEqualTo("start_fhir_export_job_rate");

            second.release();

            Reservation third = policy.reserve(start);
            assertThat(third.decision().isAllowed()).isTrue();
            third.commit();
            assertThat(policy.reserve(start).decision().isAllowed()).isFalse();
        }

        @Test
        void onlyTheFirstOfCommitAndReleaseTakesEffect() {
            Reservation committed = policy.reserve(start);
            committed.commit();
            committed.release();
            Reservation released = policy.reserve(start);
            released.release();
            released.release();
            released.commit();

            assertThat(policy.decide(start).isAllowed()).as("one slot left").isTrue();
            assertThat(policy.decide(start).isAllowed()).as("budget of 2 used by the committed call and this one")
                    .isFalse();
        }

        @Test
        void decideCommitsAtOnce() {
            assertThat(policy.decide(start).isAllowed()).isTrue();
            assertThat(policy.decide(start).isAllowed()).isTrue();
            assertThat(policy.decide(start).effect()).isEqualTo(Effect.DENY);
        }

        @Test
        void aDenialReservesNothingAndSettlingItDoesNothing() {
            Reservation denied = policy.reserve(call("not_listed", "g1", 0));
            assertThat(denied.decision().ruleId()).isEqualTo("default");
            denied.release();
            denied.commit();
            assertThat(policy.decide(start).isAllowed()).isTrue();
            assertThat(policy.decide(start).isAllowed()).isTrue();
        }

        @Test
        void theDenialCarriesTheCountersStateAndWhenToRetry() {
            policy.decide(call("start_fhir_export_job", "g1", 0));
            policy.decide(call("start_fhir_export_job", "g1", 5_000));

            Decision denied = policy.decide(call("start_fhir_export_job", "g1", 12_000));

            assertThat(denied.rateLimitDenial()).contains(
                    new RateLimitDenial("start_fhir_export_job_rate", 2, 60_000, 2, 48_000));
            assertThat(denied.reason()).isEqualTo(
                    "limit start_fhir_export_job_rate: 2 per minute per grant reached (2/2); retry after 48 s");
            assertThat(policy.decide(call("start_fhir_export_job", "g1", 60_000)).isAllowed())
                    .as("a new window").isTrue();
        }
    }

    @Nested
    class Sharing {

        @Test
        void toolsNamingOneCounterShareItsBudget() {
            PolicyInterpreter policy = Canonical.interpreter(FHIR);
            assertThat(policy.decide(call("create_fhir_resource", "g1", 0)).isAllowed()).isTrue();
            assertThat(policy.decide(call("update_fhir_resource", "g1", 0)).isAllowed()).isTrue();
            assertThat(policy.decide(call("create_fhir_resource", "g1", 0)).isAllowed()).isTrue();

            Decision fourth = policy.decide(call("update_fhir_resource", "g1", 0));

            assertThat(fourth.ruleId()).isEqualTo("fhir_writes");
            assertThat(fourth.reason()).contains("3 per minute per grant reached (3/3)");
        }

        @Test
        void grantsHaveSeparateBudgetsAndCallsWithoutGrantShareOne() {
            PolicyInterpreter policy = Canonical.interpreter(FHIR);
            for (int i = 0; i < 2; i++) {
                assertThat(policy.decide(call("start_fhir_export_job", "g1", 0)).isAllowed()).isTrue();
                assertThat(policy.decide(call("start_fhir_export_job", null, 0)).isAllowed()).isTrue();
            }
            assertThat(policy.decide(call("start_fhir_export_job", "g1", 0)).isAllowed()).isFalse();
            assertThat(policy.decide(call("start_fhir_export_job", null, 0)).isAllowed()).isFalse();
            assertThat(policy.decide(call("start_fhir_export_job", "g2", 0)).isAllowed()).isTrue();
        }

        @Test
        void scopesKeyBySessionAgentOrNothing() {
            PolicyInterpreter policy = Canonical.interpreter("""
                    {"version": "1", "tools": {
                      "by_session": {"limits": [{"counter": "s", "window": "hour", "max": 1, "scope": "session"}]},
                      "by_agent": {"limits": [{"counter": "a", "window": "hour", "max": 1, "scope": "agent"}]},
                      "global": {"limits": [{"counter": "x", "window": "hour", "max": 1, "scope": "global"}]}}}
                    """);
            ToolCall.Builder s1 = ToolCall.builder("by_session").session("s1").agent("a1").grant("g1");
            assertThat(policy.decide(s1.build()).isAllowed()).isTrue();
            assertThat(policy.decide(s1.grant("g2").agent("a2").build()).isAllowed()).as("same session").isFalse();
            assertThat(policy.decide(s1.session("s2").build()).isAllowed()).isTrue();

            ToolCall.Builder a1 = ToolCall.builder("by_agent").agent("a1").session("s1");
            assertThat(policy.decide(a1.build()).isAllowed()).isTrue();
            assertThat(policy.decide(a1.session("s2").build()).isAllowed()).as("same agent").isFalse();
            assertThat(policy.decide(a1.agent("a2").build()).isAllowed()).isTrue();

            assertThat(policy.decide(ToolCall.builder("global").grant("g1").build()).isAllowed()).isTrue();
            Decision other = policy.decide(ToolCall.builder("global").grant("g2").build());
            assertThat(other.reason()).isEqualTo("limit x: 1 per hour reached (1/1); retry after 3600 s");
        }

        @Test
        void allToolsLimitsCountEveryCall() {
            PolicyInterpreter policy = Canonical.interpreter(FOUR_WRITES_A_MINUTE);
            for (int i = 0; i < 5; i++) {
                assertThat(policy.decide(call(i % 2 == 0 ? "read" : "write", "g" + i, 0)).isAllowed()).isTrue();
            }
            Decision sixth = policy.decide(call("read", "g9", 0));
            assertThat(sixth.ruleId()).isEqualTo("every_call");
        }
    }

    @Nested
    class AllOrNothing {

        @Test
        void whenALaterLimitHasNoRoomTheEarlierOnesAreNotCharged() {
            PolicyInterpreter policy = Canonical.interpreter(FOUR_WRITES_A_MINUTE);
            for (int i = 0; i < 5; i++) {
                assertThat(policy.decide(call("read", "g", 0)).isAllowed()).isTrue();
            }
            for (int i = 0; i < 10; i++) {
                assertThat(policy.decide(call("write", "g", 0)).ruleId()).isEqualTo("every_call");
            }
            // the next minute: the write budget of 4 is intact although 10 writes were refused
            for (int i = 0; i < 4; i++) {
                assertThat(policy.decide(call("write", "g", 60_000)).isAllowed()).isTrue();
            }
            assertThat(policy.decide(call("write", "g", 60_000)).ruleId()).isEqualTo("w");
            assertThat(policy.decide(call("read", "g", 60_000)).isAllowed())
                    .as("the refused fifth write took nothing from every_call").isTrue();
        }

        @Test
        void aCounterThatFailsDeniesAndGivesBackWhatWasTaken() {
            TestCounterStore healthy = new TestCounterStore();
            CounterStore failingEveryCall = spec -> spec.name().equals("every_call")
                    ? new FailingCounter(spec) : healthy.counter(spec);
            PolicyInterpreter policy = new PolicyInterpreter(Canonical.policy(FOUR_WRITES_A_MINUTE), failingEveryCall);

            Decision decision = policy.decide(call("write", "g", 0));

            assertThat(decision.ruleId()).isEqualTo("portcullis.evaluation_error");
            assertThat(decision.effect()).isEqualTo(Effect.DENY);
            RateCounter writes = healthy.counter(new CounterSpec("w", dev.portcullis.runtime.counter.Algorithm.FIXED,
                    4, 60_000));
            assertThat(writes.count("g", 0)).isZero();
        }
    }

    @Nested
    class GivingBackOnce {

        private static final String SHARED_THEN_FLAKY = """
                {"version": "1", "tools": {
                  "a": {"limits": [{"counter": "shared", "window": "minute", "max": 5}]},
                  "b": {"limits": [{"counter": "shared", "window": "minute", "max": 5},
                                   {"counter": "flaky", "window": "minute", "max": 1}]}}}
                """;

        /**
         * The second limit refuses, and then its store fails while the denial is being described: the
         * first limit's charge must be given back once, not twice, or a committed call's quota is lost.
         */
        @Test
        void aStoreFailingAfterARefusalDoesNotGiveBackTwice() {
            assertGivesBackOnce(PolicyInterpreter::new);
        }

        /** The compiled evaluator must behave as its oracle here too. */
        @Test
        void aCompiledPolicyDoesNotGiveBackTwiceEither() {
            assertGivesBackOnce((ir, store) -> new BytecodeCompiler().compile(ir).compiled().orElseThrow().instantiate(store));
        }

        private void assertGivesBackOnce(BiFunction<Policy, CounterStore, CompiledPolicy> engine) {
            TestCounterStore healthy = new TestCounterStore();
            CounterStore store = spec -> spec.name().equals("flaky") ? new RefusingCounterThatCannotCount(spec)
                    : healthy.counter(spec);
            CompiledPolicy policy = engine.apply(Canonical.policy(SHARED_THEN_FLAKY), store);
            assertThat(policy.decide(call("a", "g", 0)).isAllowed()).isTrue();

            Decision refused = policy.decide(call("b", "g", 0));

            assertThat(refused.effect()).isEqualTo(Effect.DENY);
            assertThat(refused.ruleId()).isEqualTo("portcullis.evaluation_error");
            RateCounter shared = healthy.counter(new CounterSpec("shared", dev.portcullis.runtime.counter.Algorithm.FIXED,
                    5, 60_000));
            assertThat(shared.count("g", 0)).as("the committed call to a still counts").isEqualTo(1);
        }
    }

    /** Refuses every call, and fails when asked how much is used (a remote store timing out). */
    private static final class RefusingCounterThatCannotCount implements RateCounter {
        private final CounterSpec spec;

        RefusingCounterThatCannotCount(CounterSpec spec) {
            this.spec = spec;
        }

        @Override
        public CounterSpec spec() {
            return spec;
        }

        @Override
        public long tryAcquire(String key, long amount, long nowMillis) {
            return 1_000;
        }

        @Override
        public void release(String key, long amount, long acquiredAtMillis) {
            throw new AssertionError("nothing was taken from this counter");
        }

        @Override
        public long count(String key, long nowMillis) {
            throw new IllegalStateException("counter store timed out");
        }

        @Override
        public void evictIdle(long nowMillis) {
        }

        @Override
        public int size() {
            return 0;
        }
    }

    @Nested
    class Keys {

        private final PolicyInterpreter policy = Canonical.interpreter("""
                {"version": "1", "tools": {"import": {"limits": [
                  {"counter": "per_store", "window": "day", "max": 1, "per": "args.datastore_id"}]}}}
                """);

        @Test
        void perKeepsOneBudgetPerArgumentValue() {
            assertThat(policy.decide(call("import", "{\"datastore_id\": \"a\"}")).isAllowed()).isTrue();
            assertThat(policy.decide(call("import", "{\"datastore_id\": \"b\"}")).isAllowed()).isTrue();
            Decision again = policy.decide(call("import", "{\"datastore_id\": \"a\"}"));
            assertThat(again.ruleId()).isEqualTo("per_store");
            assertThat(again.reason()).contains("1 per day per grant per args.datastore_id reached (1/1)");
        }

        @Test
        void equalNumbersShareABudgetAndTheStringFormIsAnotherValue() {
            assertThat(policy.decide(call("import", "{\"datastore_id\": 7}")).isAllowed()).isTrue();
            assertThat(policy.decide(call("import", "{\"datastore_id\": 7.0}")).isAllowed()).isFalse();
            assertThat(policy.decide(call("import", "{\"datastore_id\": \"7\"}")).isAllowed()).isTrue();
        }

        @Test
        void missingNullAndNonScalarValuesShareOneBudget() {
            assertThat(policy.decide(call("import", "{}")).isAllowed()).isTrue();
            assertThat(policy.decide(call("import", "{\"datastore_id\": null}")).isAllowed()).isFalse();
            assertThat(policy.decide(call("import", "{\"datastore_id\": [\"a\"]}")).isAllowed()).isFalse();
            assertThat(policy.decide(call("import", "{\"datastore_id\": {\"x\": 1}}")).isAllowed()).isFalse();
            assertThat(policy.decide(call("import", "{\"datastore_id\": \"-\"}")).isAllowed())
                    .as("a value that looks like the shared key is still its own").isTrue();
        }

        @Test
        void keysAreUnambiguousWhateverTheIdentityContains() {
            assertThat(CounterKeys.withPer("a|sb", "c")).isNotEqualTo(CounterKeys.withPer("a", "b|sc"));
            assertThat(CounterKeys.withPer("", null)).isEqualTo("0:|-");
        }
    }

    @Nested
    class Increments {

        private final PolicyInterpreter policy = Canonical.interpreter("""
                {"version": "1", "tools": {
                  "charge": {"rules": [{"name": "daily spend cap", "on_deny": "Daily spending cap reached",
                    "limits": [{"counter": "charge.daily_spend", "window": "day", "max": 100, "scope": "global",
                                "increment_from": "args.amount"}]}]},
                  "bulk": {"limits": [{"counter": "bulk_units", "window": "minute", "max": 10, "increment": 3}]}}}
                """);

        @Test
        void incrementFromChargesTheArgumentsValue() {
            assertThat(policy.decide(call("charge", "{\"amount\": 60}")).isAllowed()).isTrue();
            assertThat(policy.decide(call("charge", "{\"amount\": 40.0}")).isAllowed()).as("40.0 is whole").isTrue();
            Decision over = policy.decide(call("charge", "{\"amount\": 1}"));
            assertThat(over.ruleId()).isEqualTo("charge.daily_spend");
            assertThat(over.reason()).startsWith("Daily spending cap reached (limit charge.daily_spend: 100 per day "
                    + "reached (100/100); retry after");
            assertThat(policy.decide(call("charge", "{\"amount\": 0}")).isAllowed())
                    .as("zero takes nothing, so it always fits").isTrue();
        }

        @Test
        void anAmountLargerThanTheBudgetCanNeverBeAdmitted() {
            Decision huge = policy.decide(call("charge", "{\"amount\": 101}"));
            assertThat(huge.rateLimitDenial().orElseThrow().retryAfterMillis()).isEqualTo(RateLimitDenial.NEVER);
            assertThat(huge.reason()).contains("100 per day can never admit a call that needs 101");
        }

        @Test
        void anUnusableIncrementFromValueDeniesToFailClosed() {
            Map<String, String> problems = new HashMap<>();
            problems.put("{}", "increment_from args.amount is missing; denied to fail closed");
            problems.put("{\"amount\": -5}", "is negative (got -5)");
            problems.put("{\"amount\": 2.5}", "is not a whole number (got 2.5)");
            problems.put("{\"amount\": \"10\"}", "is not a number (got \"10\")");
            problems.put("{\"amount\": [1]}", "is not a number (got a list)");
            problems.put("{\"amount\": 99999999999999999999999}", "is too large");
            problems.forEach((args, problem) -> {
                Decision decision = policy.decide(call("charge", args));
                assertThat(decision.effect()).as(args).isEqualTo(Effect.DENY);
                assertThat(decision.ruleId()).as(args).isEqualTo("charge.daily_spend");
                assertThat(decision.reason()).as(args).contains(problem);
            });
            assertThat(policy.decide(call("charge", "{\"amount\": 100}")).isAllowed())
                    .as("the refused calls took nothing").isTrue();
        }

        @Test
        void aFixedIncrementIsTakenPerCall() {
            for (int i = 0; i < 3; i++) {
                assertThat(policy.decide(call("bulk", "{}")).isAllowed()).isTrue();
            }
            Decision fourth = policy.decide(call("bulk", "{}"));
            assertThat(fourth.reason()).contains("reached (9/10, this call needs 3)");
        }
    }

    @Test
    void stateConditionsReadTheCountBeforeTheCall() {
        PolicyInterpreter policy = Canonical.interpreter("""
                {"version": "1", "tools": {"create_issue": {"rules": [
                  {"name": "quiet after two", "conditions": [{"path": "state.create_issue.issues", "op": "lt", "value": 2}],
                   "on_deny": "Two issues per hour",
                   "limits": [{"counter": "create_issue.issues", "window": "hour", "max": 1000, "scope": "global"}]}]}}}
                """);
        assertThat(policy.decide(call("create_issue", "g", 0)).isAllowed()).isTrue();
        assertThat(policy.decide(call("create_issue", "g", 0)).isAllowed()).isTrue();
        Decision third = policy.decide(call("create_issue", "g", 0));
        assertThat(third.ruleId()).isEqualTo("quiet after two");
        assertThat(third.reason()).isEqualTo("Two issues per hour");
        assertThat(policy.decide(call("create_issue", "g", 3_600_000)).isAllowed()).isTrue();
    }

    /** A counter whose store is down. */
    private static final class FailingCounter implements RateCounter {
        private final CounterSpec spec;

        FailingCounter(CounterSpec spec) {
            this.spec = spec;
        }

        @Override
        public CounterSpec spec() {
            return spec;
        }

        @Override
        public long tryAcquire(String key, long amount, long nowMillis) {
            throw new IllegalStateException("counter store unreachable");
        }

        @Override
        public void release(String key, long amount, long acquiredAtMillis) {
            throw new IllegalStateException("counter store unreachable");
        }

        @Override
        public long count(String key, long nowMillis) {
            throw new IllegalStateException("counter store unreachable");
        }

        @Override
        public void evictIdle(long nowMillis) {
        }

        @Override
        public int size() {
            return 0;
        }
    }

    @Test
    void testCounterWindowsAreEpochAligned() {
        FixedWindowTestCounter counter = new FixedWindowTestCounter(
                new CounterSpec("c", dev.portcullis.runtime.counter.Algorithm.FIXED, 1, 60_000));
        assertThat(counter.tryAcquire("k", 1, 59_999)).isZero();
        assertThat(counter.tryAcquire("k", 1, 59_999)).isEqualTo(1);
        assertThat(counter.tryAcquire("k", 1, 60_000)).isZero();
    }
}
