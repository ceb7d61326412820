package dev.portcullis.benchmarks.compiler;

import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.portcullis.runtime.Decision;
import dev.portcullis.runtime.ToolCall;
import dev.portcullis.runtime.counter.CounterStore;
import java.util.Map;

/**
 * The FHIR-export rules with the condition in Google CEL, as a CEL-based gateway would hold it:
 * tools dispatched in Java, the argument condition evaluated by a compiled CEL program, the rate limit
 * by the same code as {@link HandwrittenFhirPolicy}: only the condition's evaluation differs.
 */
final class CelFhirPolicy {

    /** Missing or non-string {@code s3_uri} is false, as in the policy's semantics. */
    private static final String CONDITION =
            "has(args.s3_uri) && type(args.s3_uri) == string && args.s3_uri.startsWith('s3://phi-exports/')";

    private final CelRuntime.Program condition;
    private final HandwrittenFhirPolicy rest;

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
        return rest.chargeExport(call);
    }
}
