package dev.portcullis.cli.explain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.compiler.interpret.PolicyInterpreter;
import dev.portcullis.compiler.ir.Policy;
import dev.portcullis.runtime.Decision;
import dev.portcullis.runtime.ToolCall;
import dev.portcullis.runtime.counter.InMemoryCounterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The explainer's final verdict is the interpreter's decision, for every policy available and any sequence
 * of calls: effect, rule id, reason and rate-limit details, with counters filling up along the way. Its
 * explanation of every call can be printed and ends with that decision.
 */
class ExplainerAgreesWithInterpreterProperties {

    private static final List<Policy> FIXTURES = TestPolicies.fixtures();
    private static final List<Policy> OTHERS = TestPolicies.others();

    /** Half the tries on the fixtures, which reach every kind of step; the other half on everything else. */
    @Provide
    Arbitrary<Policy> policies() {
        return OTHERS.isEmpty() ? Arbitraries.of(FIXTURES)
                : Arbitraries.oneOf(Arbitraries.of(FIXTURES), Arbitraries.of(OTHERS));
    }

    @Property(tries = 500)
    void decidesEveryCallAsTheInterpreterDoes(@ForAll("policies") Policy policy, @ForAll long seed,
                                              @ForAll @IntRange(min = 1, max = 40) int calls) {
        compare(policy, seed, calls, new TreeSet<>());
    }

    /**
     * The generated calls reach every kind of step and limit outcome, so the property compares them all:
     * fixed seeds, so a change to the generator that stops reaching one fails here rather than going unnoticed.
     */
    @Example
    void theFixturesReachEveryKindOfStep() {
        Set<String> reached = new TreeSet<>();
        for (Policy policy : FIXTURES) {
            for (long seed = 0; seed < 60; seed++) {
                compare(policy, seed, 40, reached);
            }
        }
        List<String> expected = new ArrayList<>(List.of("HiddenCheck", "EntrySelection", "EntryActionCheck",
                "EvaluationFailed", "Deny decides", "Require decides", "Require passes", "DenyIf decides",
                "DenyIf passes", "RequireApproval decides", "RequireApproval passes"));
        for (Step.LimitOutcome outcome : Step.LimitOutcome.values()) {
            expected.add("limit " + outcome);
        }
        assertThat(reached).containsAll(expected);
    }

    @Example
    void comparesOnTheRepositorysPoliciesToo() {
        // the compiler's decision tables and the FHIR sample are part of this repository
        assertThat(OTHERS).hasSizeGreaterThanOrEqualTo(7);
    }

    private static void compare(Policy policy, long seed, int calls, Set<String> reached) {
        PolicyInterpreter interpreter = new PolicyInterpreter(policy, new InMemoryCounterStore());
        Explainer explainer = new Explainer(policy, new InMemoryCounterStore());
        List<ToolCall> sequence = new RandomCalls(policy, seed).sequence(calls);
        for (int i = 0; i < sequence.size(); i++) {
            ToolCall call = sequence.get(i);
            Decision expected = interpreter.decide(call);
            Explanation explanation = explainer.explain(call);
            String printed = ExplanationPrinter.print(explanation);
            assertThat(explanation.decision())
                    .as("policy %s, seed %d, call %d of %d: %s%n%s", policy.name(), seed, i + 1, sequence.size(), call, printed)
                    .isEqualTo(expected);
            assertThat(printed).endsWith("decision: " + expected.effect().name() + " by " + expected.ruleId() + ": "
                    + expected.reason() + "\n");
            explanation.steps().forEach(step -> reached.add(kind(step)));
        }
    }

    /** The kind of a step, limits by outcome, rules by whether they decided. */
    private static String kind(Step step) {
        if (step instanceof Step.LimitCheck limit) {
            return "limit " + limit.outcome();
        }
        if (step instanceof Step.RuleCheck rule) {
            return rule.rule().getClass().getSimpleName() + (rule.decides() ? " decides" : " passes");
        }
        return step.getClass().getSimpleName();
    }
}
