package dev.portcullis.benchmarks.compiler;

import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.portcullis.runtime.Decision;
import dev.portcullis.runtime.RateLimitDenial;
import dev.portcullis.runtime.ToolCall;
import dev.portcullis.runtime.counter.Algorithm;
import dev.portcullis.runtime.counter.CounterSpec;
import dev.portcullis.runtime.counter.CounterStore;
import dev.portcullis.runtime.counter.RateCounter;
import dev.portcullis.runtime.eval.DecisionTexts;
import java.util.Map;

/**
 * The FHIR-export rules with the condition in Google CEL, as a CEL-based gateway would hold it:
 * tools dispatched in Java, the argument condition evaluated by a compiled CEL program, the rate limit
 * by the same counter as the policy's. Only the condition's evaluation differs from
 * {@link HandwrittenFhirPolicy}.
 */
final class CelFhirPolicy {

    /** Missing or non-string {@code s3_uri} is false, as in the policy's semantics. */
    private static final String CONDITION =
            "has(args.s3_uri) && type(args.s3_uri) == string && args.s3_uri.startsWith('s3://phi-exports/')";

    private final CelRuntime.Program condition;
    private final HandwrittenFhirPolicy rest;
    private final RateCounter exports;

    CelFhirPolicy(CounterStore store, long max) {
        try {
            CelCompiler compiler = CelCompilerFactory.standardCelCompilerBuilder()
                    .setStandardMacros(CelStandardMacro.HAS)
                    .addVar("args", MapType.create(SimpleType.STRING, SimpleType.DYN)).build();
            CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder().build();
            condition = runtime.createProgram(compiler.compile(CONDITION).getAst());
        } catch (Exception e) {
            throw new IllegalStateException("CEL condition does not compile", e);
        }
        rest = new HandwrittenFhirPolicy(store, max);
        exports = store.counter(new CounterSpec(FhirExportScenario.COUNTER, Algorithm.FIXED, max, 60_000));
    }

    Decision decide(ToolCall call) {
        if (!call.tool().equals(FhirExportScenario.EXPORT)) {
            return rest.decide(call);
        }
        boolean holds;
        try {
            holds = Boolean.TRUE.equals(condition.eval(Map.of("args", call.arguments())));
        } catch (Exception e) {
            return Decision.evaluationFailed(e);
        }
        if (!holds) {
            return rest.decide(call);
        }
        String grant = call.grant() == null ? "" : call.grant();
        long retryAfter = exports.tryAcquire(grant, 1, call.timeMillis());
        if (retryAfter != 0) {
            CounterSpec spec = exports.spec();
            RateLimitDenial denial = new RateLimitDenial(spec.name(), spec.max(), spec.windowMillis(),
                    exports.count(grant, call.timeMillis()), retryAfter);
            return Decision.rateLimited(denial, DecisionTexts.rateLimited(spec.name(),
                    spec.max() + " per minute per grant", spec.max(), null, 1, denial));
        }
        return Decision.allow("tools.start_fhir_export_job", "Allowed by rule \"tools.start_fhir_export_job\"");
    }
}
