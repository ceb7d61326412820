package dev.portcullis.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.runtime.CompiledPolicy;
import dev.portcullis.runtime.Decision;
import dev.portcullis.runtime.Effect;
import dev.portcullis.runtime.RateLimitDenial;
import dev.portcullis.runtime.Reservation;
import dev.portcullis.runtime.ToolCall;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.TimeZone;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Limits as users write them, end to end: a JSON or YAML file through {@link PolicyCompiler#load} to
 * the interpreter on the runtime's real in-memory counters (the other interpreter tests count with a
 * test double that treats every algorithm as a fixed window). Each case checks the effect, the
 * deciding rule and the rate-limit details a gateway returns to the agent.
 */
class CountersEndToEndTest {

    private static CompiledPolicy load(String name, String text) {
        CompilationResult result = PolicyCompiler.standard().load(name, text.getBytes(StandardCharsets.UTF_8));
        assertThat(result.diagnostics()).as("diagnostics of %s", name).isEmpty();
        return result.interpreter();
    }

    private static Decision call(CompiledPolicy policy, String tool, long atMillis) {
        return policy.decide(ToolCall.builder(tool).grant("g").timeMillis(atMillis).build());
    }

    private static Decision call(CompiledPolicy policy, String tool, Map<String, Object> arguments, long atMillis) {
        return policy.decide(ToolCall.builder(tool).arguments(arguments).grant("g").timeMillis(atMillis).build());
    }

    private static long millis(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    private static void assertAllowed(Decision decision) {
        assertThat(decision.effect()).as("%s", decision).isEqualTo(Effect.ALLOW);
    }

    private static RateLimitDenial assertRateLimited(Decision decision, String counter) {
        assertThat(decision.effect()).as("%s", decision).isEqualTo(Effect.DENY);
        assertThat(decision.ruleId()).isEqualTo(counter);
        return decision.rateLimitDenial().orElseThrow();
    }

    @Nested
    class FixedWindows {

        @Test
        void calendarWindowsAreAlignedToUtcWhateverTheDefaultTimeZone() {
            TimeZone original = TimeZone.getDefault();
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati")); // UTC+14: local days end elsewhere
            try {
                CompiledPolicy policy = load("calendar.json", """
                        {"version": "1", "tools": {
                          "daily": {"limits": [{"counter": "d", "window": "day", "max": 1}]},
                          "hourly": {"limits": [{"counter": "h", "window": "hour", "max": 1}]},
                          "minutely": {"limits": [{"counter": "m", "window": "minute", "max": 1}]}}}
                        """);
                long beforeMidnight = millis("2024-03-10T23:59:59.250Z");
                for (String tool : new String[] {"daily", "hourly", "minutely"}) {
                    assertAllowed(call(policy, tool, beforeMidnight));
                    RateLimitDenial denial = assertRateLimited(call(policy, tool, beforeMidnight), tool.substring(0, 1));
                    assertThat(denial.retryAfterMillis()).as(tool).isEqualTo(750);
                    assertThat(denial.count()).isEqualTo(1);
                    assertAllowed(call(policy, tool, millis("2024-03-11T00:00:00Z")));
                }
                assertThat(call(policy, "daily", millis("2024-03-11T13:59:59Z")).ruleId())
                        .as("the same UTC day, though a new day in UTC+14").isEqualTo("d");
                assertAllowed(call(policy, "hourly", millis("2024-03-11T01:00:00Z")));
            } finally {
                TimeZone.setDefault(original);
            }
        }

        @Test
        void aWindowOfNSecondsIsAMultipleOfNSecondsSinceTheEpoch() {
            CompiledPolicy policy = load("ninety.json", """
                    {"version": "1", "tools": {"t": {"limits": [{"counter": "c", "window": 90, "max": 1}]}}}
                    """);
            assertAllowed(call(policy, "t", 89_999));
            RateLimitDenial denial = assertRateLimited(call(policy, "t", 89_999), "c");
            assertThat(denial).isEqualTo(new RateLimitDenial("c", 1, 90_000, 1, 1));
            assertAllowed(call(policy, "t", 90_000));
            assertThat(assertRateLimited(call(policy, "t", 179_999), "c").retryAfterMillis()).isEqualTo(1);
            assertAllowed(call(policy, "t", 180_000));
        }

        @Test
        void aWindowOfSixtySecondsIsTheMinute() {
            CompiledPolicy policy = load("sixty.json", """
                    {"version": "1", "tools": {
                      "a": {"limits": [{"counter": "c", "window": 60, "max": 2}]},
                      "b": {"limits": [{"counter": "c", "window": "minute", "max": 2}]}}}
                    """);
            assertAllowed(call(policy, "a", 1_000));
            assertAllowed(call(policy, "b", 59_000));
            assertThat(assertRateLimited(call(policy, "a", 59_500), "c").retryAfterMillis()).isEqualTo(500);
        }

        @Test
        void interceptRateLimitsAreCalendarMinutesHoursAndDays() {
            CompiledPolicy policy = load("intercept.yaml", """
                    version: "1"
                    tools:
                      create_issue:
                        rules:
                          - name: hourly issues
                            rate_limit: 2/hour
                    """);
            long oneMinuteToTen = millis("2024-03-10T09:59:00Z");
            assertAllowed(call(policy, "create_issue", oneMinuteToTen));
            assertAllowed(call(policy, "create_issue", oneMinuteToTen));
            Decision third = call(policy, "create_issue", oneMinuteToTen);
            assertThat(assertRateLimited(third, "create_issue._rate_hour"))
                    .isEqualTo(new RateLimitDenial("create_issue._rate_hour", 2, 3_600_000, 2, 60_000));
            assertThat(third.reason()).isEqualTo("Rate limit of 2 per hour reached. Try again later. "
                    + "(limit create_issue._rate_hour: 2 per hour reached (2/2); retry after 60 s)");
            assertAllowed(call(policy, "create_issue", millis("2024-03-10T10:00:00Z")));
        }
    }

    @Nested
    class Algorithms {

        @Test
        void slidingNeverAdmitsMoreThanMaxInAnyIntervalOfTheWindow() {
            CompiledPolicy policy = load("sliding.json", """
                    {"version": "1", "tools": {"t": {"limits": [
                      {"counter": "c", "window": "minute", "max": 2, "algorithm": "sliding"}]}}}
                    """);
            assertAllowed(call(policy, "t", 0));
            assertAllowed(call(policy, "t", 30_000));
            assertThat(assertRateLimited(call(policy, "t", 59_999), "c"))
                    .isEqualTo(new RateLimitDenial("c", 2, 60_000, 2, 1));
            assertAllowed(call(policy, "t", 60_000));
            assertThat(assertRateLimited(call(policy, "t", 61_000), "c").retryAfterMillis())
                    .as("a fixed window would admit a second call in the new minute; the window slides")
                    .isEqualTo(29_000);
            assertAllowed(call(policy, "t", 90_000));
        }

        @Test
        void aTokenBucketRefillsEvenlyOverTheWindow() {
            CompiledPolicy policy = load("bucket.json", """
                    {"version": "1", "tools": {"t": {"limits": [
                      {"counter": "c", "window": 60, "max": 2, "algorithm": "token_bucket"}]}}}
                    """);
            assertAllowed(call(policy, "t", 0));
            assertAllowed(call(policy, "t", 0));
            assertThat(assertRateLimited(call(policy, "t", 0), "c"))
                    .isEqualTo(new RateLimitDenial("c", 2, 60_000, 2, 30_000));
            assertThat(assertRateLimited(call(policy, "t", 29_999), "c").retryAfterMillis()).isEqualTo(1);
            assertAllowed(call(policy, "t", 30_000));
            assertThat(assertRateLimited(call(policy, "t", 30_000), "c").retryAfterMillis()).isEqualTo(30_000);
        }

        @Test
        void aDeclaredCounterGivesItsAlgorithmToEveryLimitNamingIt() {
            CompiledPolicy policy = load("declared.json", """
                    {"version": "1",
                     "counters": {"calls": {"window": "minute", "max": 1, "algorithm": "sliding", "scope": "global"}},
                     "tools": {"a": {"limits": [{"counter": "calls"}]}, "b": {"limits": [{"counter": "calls"}]}}}
                    """);
            assertAllowed(call(policy, "a", 59_000));
            assertThat(assertRateLimited(call(policy, "b", 60_000), "calls").retryAfterMillis())
                    .as("sliding, and shared by both tools").isEqualTo(59_000);
        }
    }

    @Nested
    class ScopesAndSharing {

        private final CompiledPolicy policy = load("scopes.json", """
                {"version": "1", "tools": {
                  "by_grant": {"limits": [{"counter": "g", "window": "hour", "max": 1}]},
                  "by_session": {"limits": [{"counter": "s", "window": "hour", "max": 1, "scope": "session",
                                             "algorithm": "token_bucket"}]},
                  "by_agent": {"limits": [{"counter": "a", "window": "hour", "max": 1, "scope": "agent",
                                           "algorithm": "sliding"}]},
                  "everyone": {"limits": [{"counter": "x", "window": "hour", "max": 1, "scope": "global"}]},
                  "write_a": {"limits": [{"counter": "writes", "window": "hour", "max": 2}]},
                  "write_b": {"limits": [{"counter": "writes", "window": "hour", "max": 2}]}}}
                """);

        private Decision as(String tool, String grant, String session, String agent) {
            return policy.decide(ToolCall.builder(tool).grant(grant).session(session).agent(agent).build());
        }

        @Test
        void eachScopeKeysItsBudgetByItsIdentity() {
            assertAllowed(as("by_grant", "g1", "s1", "a1"));
            assertThat(as("by_grant", "g1", "s2", "a2").ruleId()).isEqualTo("g");
            assertAllowed(as("by_grant", "g2", "s1", "a1"));

            assertAllowed(as("by_session", "g1", "s1", "a1"));
            assertThat(as("by_session", "g2", "s1", "a2").ruleId()).isEqualTo("s");
            assertAllowed(as("by_session", "g1", "s2", "a1"));

            assertAllowed(as("by_agent", "g1", "s1", "a1"));
            assertThat(as("by_agent", "g2", "s2", "a1").ruleId()).isEqualTo("a");
            assertAllowed(as("by_agent", "g1", "s1", "a2"));

            assertAllowed(as("everyone", "g1", "s1", "a1"));
            assertThat(as("everyone", "g2", "s2", "a2").ruleId()).isEqualTo("x");
        }

        @Test
        void callsWithoutTheIdentityShareOneBudgetRatherThanEscapingIt() {
            assertAllowed(as("by_session", "g1", null, null));
            assertThat(as("by_session", "g2", null, null).ruleId()).isEqualTo("s");
        }

        @Test
        void toolsNamingOneCounterShareItsBudget() {
            assertAllowed(as("write_a", "g1", null, null));
            assertAllowed(as("write_b", "g1", null, null));
            Decision third = as("write_a", "g1", null, null);
            assertThat(third.ruleId()).isEqualTo("writes");
            assertThat(third.reason()).isEqualTo("limit writes: 2 per hour per grant reached (2/2); retry after 3600 s");
        }

        @Test
        void aCounterRedefinedDifferentlyIsAnErrorAtTheRedefinition() {
            CompilationResult result = PolicyCompiler.standard().load("policies/shared.json", """
                    {"version": "1", "tools": {
                      "a": {"limits": [{"counter": "writes", "window": "hour", "max": 2}]},
                      "b": {"limits": [{"counter": "writes", "window": "hour", "max": 3}]}}}
                    """.getBytes(StandardCharsets.UTF_8));
            assertThat(result.diagnostics()).extracting(Object::toString).containsExactly(
                    "policies/shared.json:3:60: error PC052: counter 'writes' is defined again with a different max: "
                            + "3 here, 2 at policies/shared.json:2:20");
            assertThat(result.policy()).isEmpty();
        }
    }

    @Nested
    class Increments {

        private final CompiledPolicy policy = load("spend.json", """
                {"version": "1", "tools": {
                  "bulk": {"limits": [{"counter": "units", "window": "minute", "max": 10, "increment": 3}]},
                  "charge": {"limits": [{"counter": "spend", "window": "day", "max": 10000, "scope": "global",
                                         "increment_from": "args.amount"}]}}}
                """);

        @Test
        void aFixedIncrementIsTakenPerCall() {
            for (int i = 0; i < 3; i++) {
                assertAllowed(call(policy, "bulk", 0));
            }
            Decision fourth = call(policy, "bulk", 0);
            assertThat(assertRateLimited(fourth, "units").count()).isEqualTo(9);
            assertThat(fourth.reason()).contains("reached (9/10, this call needs 3)");
        }

        @Test
        void incrementFromChargesTheArgument() {
            assertAllowed(call(policy, "charge", Map.of("amount", 9_000), 0));
            Decision over = call(policy, "charge", Map.of("amount", 1_001L), 0);
            assertThat(assertRateLimited(over, "spend").count()).isEqualTo(9_000);
            assertAllowed(call(policy, "charge", Map.of("amount", 1_000.0), 0));
        }

        @Test
        void hugeAmountsAreDeniedWithoutOverflowing() {
            for (Object huge : new Object[] {9_000_000_000_000_000_000L, 9e18, Long.MAX_VALUE}) {
                Decision decision = call(policy, "charge", Map.of("amount", huge), 0);
                assertThat(assertRateLimited(decision, "spend").retryAfterMillis()).as("%s", huge)
                        .isEqualTo(RateLimitDenial.NEVER);
                assertThat(decision.reason()).contains("can never admit a call that needs");
            }
            for (Object tooLarge : new Object[] {new BigDecimal("1e400"), new java.math.BigInteger("9".repeat(30))}) {
                Decision decision = call(policy, "charge", Map.of("amount", tooLarge), 0);
                assertThat(decision.effect()).isEqualTo(Effect.DENY);
                assertThat(decision.reason()).as("%s", tooLarge).contains("is too large").endsWith("denied to fail closed");
            }
            assertThat(call(policy, "charge", Map.of("amount", Double.POSITIVE_INFINITY), 0).ruleId())
                    .isEqualTo("portcullis.evaluation_error");
            assertAllowed(call(policy, "charge", Map.of("amount", 10_000), 0));
        }
    }

    @Nested
    class TwoPhase {

        private final CompiledPolicy policy = load("two-phase.json", """
                {"version": "1", "tools": {
                  "fixed": {"limits": [{"counter": "f", "window": "minute", "max": 1}]},
                  "sliding": {"limits": [{"counter": "s", "window": "minute", "max": 1, "algorithm": "sliding"}]},
                  "bucket": {"limits": [{"counter": "b", "window": "minute", "max": 1, "algorithm": "token_bucket"}]},
                  "both": {"limits": [{"counter": "f", "window": "minute", "max": 1},
                                      {"counter": "s", "window": "minute", "max": 1, "algorithm": "sliding"}]}}}
                """);

        private Reservation reserve(String tool, long atMillis) {
            return policy.reserve(ToolCall.builder(tool).grant("g").timeMillis(atMillis).build());
        }

        @Test
        void aReleasedReservationGivesItsQuotaBackOnEveryAlgorithm() {
            for (String tool : new String[] {"fixed", "sliding", "bucket"}) {
                Reservation held = reserve(tool, 1_000);
                assertAllowed(held.decision());
                assertThat(reserve(tool, 1_000).decision().effect()).as(tool).isEqualTo(Effect.DENY);

                held.release();
                held.release();
                held.commit();

                Reservation again = reserve(tool, 1_000);
                assertAllowed(again.decision());
                again.commit();
                again.release();
                assertThat(reserve(tool, 1_000).decision().effect()).as("%s: committed stays counted", tool)
                        .isEqualTo(Effect.DENY);
            }
        }

        @Test
        void aRefusedCallTakesNothingFromTheLimitsThatHadRoom() {
            assertAllowed(call(policy, "sliding", 1_000));
            assertThat(call(policy, "both", 1_000).ruleId()).isEqualTo("s");
            assertAllowed(call(policy, "fixed", 1_000));
        }
    }

    @Test
    void timeGoingBackwardsNeverAdmitsMoreThanTheBudgetNorThrows() {
        CompiledPolicy policy = load("backwards.json", """
                {"version": "1", "tools": {
                  "fixed": {"limits": [{"counter": "f", "window": "minute", "max": 2}]},
                  "sliding": {"limits": [{"counter": "s", "window": "minute", "max": 2, "algorithm": "sliding"}]},
                  "bucket": {"limits": [{"counter": "b", "window": "minute", "max": 2, "algorithm": "token_bucket"}]}}}
                """);
        for (String tool : new String[] {"fixed", "sliding", "bucket"}) {
            assertAllowed(call(policy, tool, 120_000));
            assertAllowed(call(policy, tool, 10_000));
            for (long at : new long[] {5_000, 120_000, 0, -1, Long.MIN_VALUE}) {
                Decision decision = call(policy, tool, at);
                assertThat(decision.effect()).as("%s at %d", tool, at).isEqualTo(Effect.DENY);
                assertThat(decision.rateLimitDenial().orElseThrow().count()).isBetween(0L, 2L);
                assertThat(decision.rateLimitDenial().orElseThrow().retryAfterMillis()).isPositive();
            }
        }
    }

    @Test
    void faqFormsDecideAsWritten() {
        CompiledPolicy policy = load("faq.json", """
                {"version": "1", "default": "deny",
                 "all_tools": {"rate_limit": {"max": 100, "window": 60}},
                 "tools": {
                   "search": {"action": "allow", "reason": "search is read-only", "rate_limit": {"max": 2, "window": 60}},
                   "delete_account": {"action": "deny", "reason": "humans only"},
                   "refund": {"action": "require_approval", "reason": "a person checks refunds"},
                   "read_file": {}}}
                """);
        Decision allowed = call(policy, "search", 0);
        assertThat(allowed).isEqualTo(Decision.allow("tools.search", "search is read-only"));
        assertAllowed(call(policy, "search", 1_000));
        assertThat(assertRateLimited(call(policy, "search", 2_000), "search.rate_limit"))
                .isEqualTo(new RateLimitDenial("search.rate_limit", 2, 60_000, 2, 58_000));
        assertAllowed(policy.decide(ToolCall.builder("search").grant("another grant").timeMillis(2_000).build()));

        assertThat(call(policy, "delete_account", 0)).isEqualTo(Decision.deny("tools.delete_account", "humans only"));
        assertThat(call(policy, "refund", 0))
                .isEqualTo(Decision.requireApproval("tools.refund", "a person checks refunds"));
        assertThat(call(policy, "read_file", 0).ruleId()).as("{} allows under default deny").isEqualTo("tools.read_file");
        assertThat(call(policy, "unlisted", 0).ruleId()).isEqualTo("default");
        for (int i = 0; i < 97; i++) {
            assertAllowed(call(policy, "read_file", 3_000));
        }
        assertThat(call(policy, "read_file", 3_000).ruleId()).as("the all_tools shorthand counts every call")
                .isEqualTo("_all_tools.rate_limit");
    }
}
