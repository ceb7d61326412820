package dev.portcullis.cli.explain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.compiler.ir.Policy;
import dev.portcullis.runtime.Decision;
import dev.portcullis.runtime.Effect;
import dev.portcullis.runtime.ToolCall;
import dev.portcullis.runtime.counter.InMemoryCounterStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the explainer records for each kind of step, and how it prints. */
class ExplainerTest {

    private static final long NOON = 1_790_000_040_000L;

    private static ToolCall call(String tool, Map<String, Object> arguments) {
        return new ToolCall(tool, arguments, "g1", "s1", "a1", NOON);
    }

    private static List<Step.LimitOutcome> limitOutcomes(Explanation explanation) {
        return explanation.steps().stream()
                .filter(Step.LimitCheck.class::isInstance)
                .map(step -> ((Step.LimitCheck) step).outcome())
                .toList();
    }

    @Test
    void givesBackWhatEarlierLimitsTookWhenALaterOneHasNoRoom() {
        Explainer explainer = new Explainer(TestPolicies.fixture("all-or-nothing.json"), new InMemoryCounterStore());

        Explanation tooBig = explainer.explain(call("pair", Map.of("n", 5)));
        Explanation fits = explainer.explain(call("pair", Map.of("n", 4)));

        assertThat(limitOutcomes(tooBig)).containsExactly(Step.LimitOutcome.GIVEN_BACK, Step.LimitOutcome.NO_ROOM);
        assertThat(tooBig.decision().ruleId()).isEqualTo("second");
        assertThat(tooBig.decision().rateLimit().retryAfterMillis()).isEqualTo(dev.portcullis.runtime.RateLimitDenial.NEVER);
        assertThat(fits.steps()).filteredOn(Step.LimitCheck.class::isInstance)
                .extracting(step -> ((Step.LimitCheck) step).countBefore())
                .as("the first counter was given back, so it still reads 0")
                .containsExactly(0L, 0L);
        assertThat(fits.decision().effect()).isEqualTo(Effect.ALLOW);
        assertThat(ExplanationPrinter.print(tooBig)).contains(
                "   first (", "count 0/3, this call needs 1 -> fits, but given back: a later limit has no room",
                "   second (", "count 0/4, this call needs 5 -> no room -> DENY (no wait helps: the call needs more than"
                        + " the whole budget)");
    }

    @Test
    void anUnusableIncrementDeniesBeforeAnyCounterIsTouched() {
        Explainer explainer = new Explainer(TestPolicies.fixture("all-or-nothing.json"), new InMemoryCounterStore());

        Explanation negative = explainer.explain(call("pair", Map.of("n", -2)));
        Explanation zero = explainer.explain(call("pair", Map.of("n", 0)));

        assertThat(limitOutcomes(negative)).containsExactly(Step.LimitOutcome.NOT_REACHED,
                Step.LimitOutcome.UNUSABLE_INCREMENT);
        assertThat(negative.decision().reason()).isEqualTo(
                "limit second: increment_from args.n is negative (got -2); denied to fail closed");
        assertThat(ExplanationPrinter.print(negative)).contains(
                "increment_from args.n is negative (got -2) -> DENY", "-> not charged: the call is denied");
        assertThat(limitOutcomes(zero)).containsExactly(Step.LimitOutcome.CHARGED, Step.LimitOutcome.NOTHING_TO_CHARGE);
        assertThat(ExplanationPrinter.print(zero)).contains("count 0/3, this call needs 1 -> fits, counted",
                "this call needs 0 -> needs nothing");
    }

    @Test
    void showsEachConditionWithTheValueItReadAndWhatWasNotEvaluated() {
        Explainer explainer = new Explainer(TestPolicies.fixture("every-feature.json"), new InMemoryCounterStore());
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("path", "/tmp/notes");
        arguments.put("mode", "overwrite");

        Explanation explanation = explainer.explain(call("write_file", arguments));
        String printed = ExplanationPrinter.print(explanation);

        assertThat(explanation.decision().effect()).isEqualTo(Effect.DENY);
        assertThat(printed).contains(
                "2. entry:\n   tools.write_file (", "), the tool's own entry\n   all_tools (",
                "tools.write_file.require[0] (", ") require: holds, passes\n"
                        + "     args.path starts_with \"/tmp/\": actual \"/tmp/notes\" -> true\n",
                "tools.write_file.require[1] (", ") require: holds, passes\n"
                        + "     any -> true\n"
                        + "       args.mode in [\"append\", \"overwrite\", 7]: actual \"overwrite\" -> true\n"
                        + "       (1 more not evaluated: the result is decided)\n",
                "tools.write_file.deny_if[0] (", ") deny_if: does not hold, passes\n",
                "args.tags contains \"forbidden\": actual (missing) -> false",
                "all_tools.deny_if[0] (",
                "5. approval checks:",
                "6. limits (all or nothing):\n   writes (",
                "increment_from args.size is missing -> DENY",
                "decision: DENY by bytes: limit bytes: increment_from args.size is missing; denied to fail closed\n");
    }

    @Test
    void explainsHiddenToolsGlobsDefaultsAndApprovals() {
        Policy policy = TestPolicies.fixture("every-feature.json");
        Explainer explainer = new Explainer(policy, new InMemoryCounterStore());

        assertThat(ExplanationPrinter.print(explainer.explain(call("drop_database", Map.of()))))
                .contains("1. hidden: yes, hide names the tool -> DENY\ndecision: DENY by hide: ");
        assertThat(ExplanationPrinter.print(explainer.explain(call("list_users_admins", Map.of("page", 1)))))
                .contains("2. entry:\n   tools.list_users* (", "), the most specific matching glob",
                        "5. approval checks: tools.list_users* (", "): require_approval -> REQUIRE_APPROVAL\n"
                                + "decision: REQUIRE_APPROVAL by tools.list_users*: user lists need a person");
        assertThat(ExplanationPrinter.print(explainer.explain(call("unlisted", Map.of()))))
                .contains("2. entry: no entry for the tool; default allow: only all_tools (",
                        "decision: ALLOW by default: Tool \"unlisted\" has no entry; allowed by default");
        assertThat(ExplanationPrinter.print(explainer.explain(call("transfer",
                Map.of("amount", 5000, "currency", "eur", "meta", Map.of("owner", "ana"))))))
                .contains("big needs approval (", ") approval rule: holds -> REQUIRE_APPROVAL",
                        "args.amount gte 1000: actual 5000 -> true");
    }

    @Test
    void readsStateConditionsAsTheCounterCountsBeforeTheCall() {
        Explainer explainer = new Explainer(TestPolicies.withoutSchema("state-condition.json"), new InMemoryCounterStore());

        Explanation first = explainer.explain(call("report", Map.of("n", 1)));
        Explanation second = explainer.explain(call("report", Map.of("n", 1)));

        assertThat(first.decision().effect()).isEqualTo(Effect.ALLOW);
        assertThat(ExplanationPrinter.print(second)).contains(
                "state.report.calls lt 3: actual 1 -> true",
                "state.report.calls eq 1: actual 1 -> true",
                "decision: REQUIRE_APPROVAL by second needs approval");
    }

    @Test
    void aValueNoEvaluatorCanCompareFailsClosedAsTheInterpreterDoes() {
        Policy policy = TestPolicies.fixture("every-feature.json");
        Explainer explainer = new Explainer(policy, new InMemoryCounterStore());

        Explanation explanation = explainer.explain(call("transfer", Map.of("amount", Double.NaN)));

        assertThat(explanation.decision()).isEqualTo(Decision.evaluationFailed(new IllegalArgumentException()));
        assertThat(explanation.steps().get(explanation.steps().size() - 1)).isInstanceOf(Step.EvaluationFailed.class);
        assertThat(ExplanationPrinter.print(explanation))
                .contains("evaluation: failed: IllegalArgumentException: cannot compare the non-finite number NaN -> DENY (fail closed)");
    }
}
