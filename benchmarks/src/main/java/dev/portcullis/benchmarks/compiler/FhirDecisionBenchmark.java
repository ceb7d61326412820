package dev.portcullis.benchmarks.compiler;

import dev.portcullis.compiler.codegen.BytecodeCompiler;
import dev.portcullis.compiler.interpret.PolicyInterpreter;
import dev.portcullis.compiler.ir.Policy;
import dev.portcullis.runtime.CompiledPolicy;
import dev.portcullis.runtime.Decision;
import dev.portcullis.runtime.ToolCall;
import dev.portcullis.runtime.counter.InMemoryCounterStore;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One decision of the FHIR-export scenario, by four evaluators of the same rules: the compiled policy,
 * the interpreter, hand-written Java and CEL for the condition. {@code mixed*} cycles through allowed,
 * denied-by-condition, rate-limited and denied calls ({@link FhirExportScenario#mixedCalls});
 * {@code allowed*} through allowed calls only (the export's budget raised so that it never runs out,
 * so the limit is checked and charged on every call), which is where {@code -prof gc} must show no
 * allocation; {@code condition*} decides an export to the wrong bucket, where only the condition
 * works (no counter).
 *
 * <p>Before measuring, every evaluator decides the scenario's calls and must agree with the
 * interpreter on effect and rule, so the figures compare equal work.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FhirDecisionBenchmark {

    private static final long UNLIMITED = 1L << 40;

    private ToolCall[] mixed;
    private ToolCall[] allowed;
    private int next;

    private CompiledPolicy compiled;
    private CompiledPolicy interpreted;
    private HandwrittenFhirPolicy handwritten;
    private CelFhirPolicy cel;
    private CompiledPolicy compiledUnlimited;
    private CompiledPolicy interpretedUnlimited;
    private HandwrittenFhirPolicy handwrittenUnlimited;
    private CelFhirPolicy celUnlimited;
    private ToolCall wrongBucket;

    @Setup
    public void setUp() {
        mixed = FhirExportScenario.mixedCalls();
        allowed = FhirExportScenario.allowedCalls();
        Policy policy = FhirExportScenario.policy(FhirExportScenario.MAX);
        Policy unlimited = FhirExportScenario.policy(UNLIMITED);
        BytecodeCompiler compiler = new BytecodeCompiler();
        compiled = compiler.compile(policy).compiled().orElseThrow().instantiate(new InMemoryCounterStore());
        interpreted = new PolicyInterpreter(policy, new InMemoryCounterStore());
        handwritten = new HandwrittenFhirPolicy(new InMemoryCounterStore(), FhirExportScenario.MAX);
        cel = new CelFhirPolicy(new InMemoryCounterStore(), FhirExportScenario.MAX);
        compiledUnlimited = compiler.compile(unlimited).compiled().orElseThrow().instantiate(new InMemoryCounterStore());
        interpretedUnlimited = new PolicyInterpreter(unlimited, new InMemoryCounterStore());
        handwrittenUnlimited = new HandwrittenFhirPolicy(new InMemoryCounterStore(), UNLIMITED);
        celUnlimited = new CelFhirPolicy(new InMemoryCounterStore(), UNLIMITED);
        wrongBucket = FhirExportScenario.wrongBucketCall();
        checkAgreement(policy);
    }

    /** Each evaluator, on fresh counters, decides three rounds of the mix exactly as the interpreter does. */
    private static void checkAgreement(Policy policy) {
        CompiledPolicy oracle = new PolicyInterpreter(policy, new InMemoryCounterStore());
        CompiledPolicy bytecode = new BytecodeCompiler().compile(policy).compiled().orElseThrow()
                .instantiate(new InMemoryCounterStore());
        HandwrittenFhirPolicy byHand = new HandwrittenFhirPolicy(new InMemoryCounterStore(), FhirExportScenario.MAX);
        CelFhirPolicy withCel = new CelFhirPolicy(new InMemoryCounterStore(), FhirExportScenario.MAX);
        ToolCall[] calls = FhirExportScenario.mixedCalls();
        int rateLimited = 0;
        for (int round = 0; round < 8; round++) {
            for (ToolCall call : calls) {
                Decision expected = oracle.decide(call);
                rateLimited += expected.rateLimit() != null ? 1 : 0;
                same("compiled", expected, bytecode.decide(call), call);
                same("hand-written", expected, byHand.decide(call), call);
                same("CEL", expected, withCel.decide(call), call);
            }
        }
        if (rateLimited == 0) {
            throw new IllegalStateException("the mix never reaches the rate limit");
        }
    }

    private static void same(String evaluator, Decision expected, Decision actual, ToolCall call) {
        if (!expected.equals(actual)) {
            throw new IllegalStateException(evaluator + " decided " + actual + " for " + call + ", the interpreter " + expected);
        }
    }

    private ToolCall nextOf(ToolCall[] calls) {
        int index = next++;
        if (next == calls.length) {
            next = 0;
        }
        return calls[index];
    }

    @Benchmark
    public Decision mixedCompiled() {
        return compiled.decide(nextOf(mixed));
    }

    @Benchmark
    public Decision mixedInterpreter() {
        return interpreted.decide(nextOf(mixed));
    }

    @Benchmark
    public Decision mixedHandwritten() {
        return handwritten.decide(nextOf(mixed));
    }

    @Benchmark
    public Decision mixedCel() {
        return cel.decide(nextOf(mixed));
    }

    @Benchmark
    public Decision allowedCompiled() {
        return compiledUnlimited.decide(nextOf(allowed));
    }

    @Benchmark
    public Decision allowedInterpreter() {
        return interpretedUnlimited.decide(nextOf(allowed));
    }

    @Benchmark
    public Decision allowedHandwritten() {
        return handwrittenUnlimited.decide(nextOf(allowed));
    }

    @Benchmark
    public Decision allowedCel() {
        return celUnlimited.decide(nextOf(allowed));
    }

    /** The condition alone decides: an export to the wrong bucket (no counter is touched). */
    @Benchmark
    public Decision conditionCompiled() {
        return compiled.decide(wrongBucket);
    }

    @Benchmark
    public Decision conditionCel() {
        return cel.decide(wrongBucket);
    }

    @Benchmark
    public Decision conditionInterpreter() {
        return interpreted.decide(wrongBucket);
    }
}
