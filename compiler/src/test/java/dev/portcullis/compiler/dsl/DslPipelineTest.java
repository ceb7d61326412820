package dev.portcullis.compiler.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.compiler.CompilationResult;
import dev.portcullis.compiler.PolicyCompiler;
import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.frontend.FrontEnds;
import dev.portcullis.compiler.testing.TestCounterStore;
import dev.portcullis.runtime.CompiledPolicy;
import dev.portcullis.runtime.Effect;
import dev.portcullis.runtime.ToolCall;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A .policy file goes through the same pipeline as JSON and YAML (schema, IR, checks, interpreter),
 * and what later layers report points into the .policy file.
 */
class DslPipelineTest {

    private static final PolicyCompiler COMPILER = PolicyCompiler.standard()
            .withFrontEnds(FrontEnds.standard().with("policy", new DslFrontEnd(IncludeResolver.disabled())));

    private static CompilationResult compile(String source) {
        return COMPILER.load("fhir.policy", source.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aDslPolicyDecidesCalls() {
        CompilationResult result = compile("""
                policy "healthlake" default deny
                counter exports = 1 per minute per grant
                tool start_fhir_export_job {
                  limit exports
                  require args.uri startsWith "s3://phi-exports/" else "exports must land in the PHI bucket"
                }
                tool list_* { allow }
                """);
        assertThat(result.errors()).isEmpty();
        CompiledPolicy policy = result.interpreter(new TestCounterStore());
        assertThat(policy.reserve(call("list_jobs", Map.of())).decision().effect()).isEqualTo(Effect.ALLOW);
        assertThat(policy.reserve(call("delete_job", Map.of())).decision().effect()).isEqualTo(Effect.DENY);
        var wrongBucket = policy.reserve(call("start_fhir_export_job", Map.of("uri", "s3://public/x"))).decision();
        assertThat(wrongBucket.effect()).isEqualTo(Effect.DENY);
        assertThat(wrongBucket.reason()).isEqualTo("exports must land in the PHI bucket");
        var first = policy.reserve(call("start_fhir_export_job", Map.of("uri", "s3://phi-exports/x")));
        assertThat(first.decision().effect()).isEqualTo(Effect.ALLOW);
        first.commit();
        assertThat(policy.reserve(call("start_fhir_export_job", Map.of("uri", "s3://phi-exports/y"))).decision()
                .rateLimitDenial()).isPresent();
    }

    @Test
    void schemaErrorsPointIntoTheDslFile() {
        CompilationResult result = compile("policy \"\"\nhide a, a\n");
        assertThat(result.errors()).extracting(Diagnostic::toString).allMatch(d -> d.startsWith("fhir.policy:"))
                .anyMatch(d -> d.startsWith("fhir.policy:1:1:"))
                .anyMatch(d -> d.startsWith("fhir.policy:2:"));
    }

    @Test
    void checksPointIntoTheDslFile() {
        CompilationResult result = compile("""
                hide drop_table
                tool list_* { allow }

                tool drop_table { deny "never" }
                """);
        assertThat(result.warnings()).extracting(Diagnostic::toString)
                .anyMatch(w -> w.startsWith("fhir.policy:4:6: warning PC054"));
    }

    private static ToolCall call(String tool, Map<String, Object> arguments) {
        return ToolCall.builder(tool).arguments(arguments).grant("g").session("s").agent("a").timeMillis(1_000).build();
    }
}
