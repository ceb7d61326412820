package dev.portcullis.compiler.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.frontend.CanonicalDocument;
import dev.portcullis.compiler.frontend.FrontEndResult;
import dev.portcullis.compiler.frontend.FrontEnds;
import dev.portcullis.compiler.generators.PolicyArbitraries;
import dev.portcullis.compiler.generators.PolicySample;
import dev.portcullis.compiler.generators.RandomCalls;
import dev.portcullis.compiler.interpret.PolicyInterpreter;
import dev.portcullis.compiler.ir.BuildResult;
import dev.portcullis.compiler.ir.IrBuilder;
import dev.portcullis.compiler.ir.Policy;
import dev.portcullis.compiler.source.SourceMap;
import dev.portcullis.compiler.testing.Canonical;
import dev.portcullis.runtime.CompiledPolicy;
import dev.portcullis.runtime.Decision;
import dev.portcullis.runtime.Reservation;
import dev.portcullis.runtime.counter.InMemoryCounterStore;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Differential testing, the interpreter as oracle: random policies in both formats, random call
 * sequences with timestamps, identities and two-phase settlement; the compiled policy must return the
 * same decision (effect, rule, reason, rate-limit details) for every call, and hide the same tools.
 *
 * <p>CI runs 400 policies of 40 calls each (16,000 decisions). {@code -Pnightly} (system property
 * {@code portcullis.differential.sequences}) runs more call sequences per policy.
 */
class CompiledAgreesWithInterpreterProperties {

    private static final int CALLS = 40;
    private static final int SEQUENCES = Integer.getInteger("portcullis.differential.sequences", 1);

    private final BytecodeCompiler compiler = new BytecodeCompiler();

    @Property(tries = 300)
    void compiledPoliciesDecideEveryCallAsTheInterpreter(@ForAll("policies") PolicySample sample, @ForAll("seeds") long seed) {
        agree(build(sample), sample, seed);
    }

    @Property(tries = 100)
    void conditionsOnCounterStateDecideAsTheInterpreter(@ForAll("policiesWithStatePaths") PolicySample sample,
                                                        @ForAll("seeds") long seed) {
        BuildResult build = IrBuilder.build(Canonical.tree(sample.text()), new SourceMap(sample.fileName()), "random");
        assertThat(build.diagnostics()).as("building %s", sample).filteredOn(Diagnostic::isError).isEmpty();
        agree(build.policy(), sample, seed);
    }

    private void agree(Policy policy, PolicySample sample, long seed) {
        BytecodeResult result = compiler.compile(policy);
        assertThat(result.diagnostics()).as("compiling %s", sample).isEmpty();
        CompiledPolicyClass compiled = result.compiled().orElseThrow();
        Random random = new Random(seed);
        for (int sequence = 0; sequence < SEQUENCES; sequence++) {
            CompiledPolicy interpreter = new PolicyInterpreter(policy, new InMemoryCounterStore());
            CompiledPolicy bytecode = compiled.instantiate(new InMemoryCounterStore());
            int index = 0;
            for (RandomCalls.CallStep step : RandomCalls.sequence(random, sample.toolNames(), CALLS)) {
                String where = "call " + index++ + " " + step + " of " + sample;
                assertThat(bytecode.isHidden(step.call().tool())).as(where).isEqualTo(interpreter.isHidden(step.call().tool()));
                if (step.settlement() == RandomCalls.Settlement.DECIDE) {
                    Decision expected = interpreter.decide(step.call());
                    assertThat(bytecode.decide(step.call())).as(where).isEqualTo(expected);
                    collect(expected);
                } else {
                    Reservation expected = interpreter.reserve(step.call());
                    Reservation actual = bytecode.reserve(step.call());
                    assertThat(actual.decision()).as(where).isEqualTo(expected.decision());
                    collect(expected.decision());
                    if (step.settlement() == RandomCalls.Settlement.COMMIT) {
                        expected.commit();
                        actual.commit();
                    } else {
                        expected.release();
                        actual.release();
                    }
                }
            }
        }
    }

    /** The kinds of decision compared, reported by jqwik, so a generator that stops reaching one shows. */
    private static void collect(Decision decision) {
        String kind = decision.rateLimit() != null ? "rate limited"
                : decision.ruleId().equals("portcullis.evaluation_error") ? "evaluation failed"
                : decision.effect().wireName();
        Statistics.label("decisions").collect(kind);
    }

    private static Policy build(PolicySample sample) {
        FrontEndResult read = FrontEnds.standard().readAndValidate(sample.fileName(), sample.bytes());
        assertThat(read.diagnostics()).as("reading %s", sample).filteredOn(Diagnostic::isError).isEmpty();
        CanonicalDocument document = read.document().orElseThrow();
        BuildResult build = IrBuilder.build(document.tree(), document.sourceMap(), "random");
        assertThat(build.diagnostics()).as("building %s", sample).filteredOn(Diagnostic::isError).isEmpty();
        return build.policy();
    }

    @Provide
    Arbitrary<PolicySample> policies() {
        return PolicyArbitraries.policies();
    }

    @Provide
    Arbitrary<PolicySample> policiesWithStatePaths() {
        return PolicyArbitraries.policiesWithStatePaths();
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }
}
