package dev.portcullis.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.frontend.CanonicalDocument;
import dev.portcullis.compiler.source.SourceMap;
import dev.portcullis.compiler.testing.Canonical;
import dev.portcullis.runtime.CompiledPolicy;
import dev.portcullis.runtime.Effect;
import dev.portcullis.runtime.ToolCall;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyCompilerTest {

    private static final String FHIR_YAML = """
            version: "1"
            default: deny
            tools:
              start_fhir_export_job:
                rules:
                  - name: export rate
                    rate_limit: 10/minute
              delete_fhir_resource:
                rules:
                  - name: no deletes
                    action: deny
            """;

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String codes(CompilationResult result) {
        return String.join(" ", result.diagnostics().stream().map(d -> d.code().id()).toList());
    }

    @Test
    void aFileWithMoreThanAHundredProblemsReportsTheFirstHundredThenHowManyMore() {
        StringBuilder yaml = new StringBuilder("version: \"1\"\ndefault: deny\n");
        for (int field = 0; field < 250; field++) {
            yaml.append("unknown_").append(field).append(": 1\n");
        }

        CompilationResult result = PolicyCompiler.standard().load("many.yaml", utf8(yaml.toString()));

        assertThat(result.diagnostics()).hasSize(PolicyCompiler.MAX_REPORTED + 1);
        assertThat(result.diagnostics().subList(0, PolicyCompiler.MAX_REPORTED))
                .allSatisfy(d -> assertThat(d.code().id()).isEqualTo("PC015"));
        assertThat(result.diagnostics().get(0).toString()).startsWith("many.yaml:3:1:");
        Diagnostic summary = result.diagnostics().get(PolicyCompiler.MAX_REPORTED);
        assertThat(summary.toString())
                .isEqualTo("many.yaml:103:1: error PC033: 150 more problems, errors among them, are not shown;"
                        + " only the first 100 are reported");
        assertThat(result.policy()).isEmpty();
    }

    @Test
    void moreThanAHundredWarningsAreSummedUpAsAWarningAndThePolicyStillCompiles() {
        StringBuilder yaml = new StringBuilder("version: \"1\"\ndefault: deny\nhide:\n");
        for (int tool = 0; tool < 130; tool++) {
            yaml.append("  - tool_").append(tool).append('\n');
        }
        yaml.append("tools:\n");
        for (int tool = 0; tool < 130; tool++) {
            yaml.append("  tool_").append(tool).append(":\n    rules:\n      - name: no\n        action: deny\n");
        }

        CompilationResult result = PolicyCompiler.standard().load("hidden.yaml", utf8(yaml.toString()));

        assertThat(result.errors()).isEmpty();
        assertThat(result.warnings()).hasSize(PolicyCompiler.MAX_REPORTED + 1);
        assertThat(result.warnings().get(PolicyCompiler.MAX_REPORTED).message())
                .isEqualTo("30 more warnings are not shown; only the first 100 are reported");
        assertThat(result.policy()).isPresent();
    }

    @Test
    void theStandardCompilerReadsTheDslWithoutExtraSetup(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("exports.policy");
        Files.writeString(file, """
                policy "exports" default deny
                tool start_fhir_export_job { limit 2 per minute per grant }
                """, StandardCharsets.UTF_8);

        CompilationResult result = PolicyCompiler.standard().load(file);

        assertThat(result.errors()).isEmpty();
        CompiledPolicy policy = result.interpreter();
        ToolCall call = new ToolCall("start_fhir_export_job", Map.of(), "g", null, null, 0L);
        assertThat(policy.decide(call).effect()).isEqualTo(Effect.ALLOW);
        assertThat(policy.decide(call).effect()).isEqualTo(Effect.ALLOW);
        assertThat(policy.decide(call).effect()).isEqualTo(Effect.DENY);
        assertThat(policy.decide(ToolCall.of("delete_fhir_resource", Map.of(), 0L)).effect()).isEqualTo(Effect.DENY);
    }

    @Test
    void loadsInterceptYamlEndToEnd() {
        CompilationResult result = PolicyCompiler.standard().load("policies/fhir-export.yaml", utf8(FHIR_YAML));

        assertThat(result.diagnostics()).isEmpty();
        assertThat(result.policy().orElseThrow().name()).isEqualTo("fhir-export");
        CompiledPolicy policy = result.interpreter();
        assertThat(policy.name()).isEqualTo("fhir-export");
        for (int i = 0; i < 10; i++) {
            assertThat(policy.decide(ToolCall.of("start_fhir_export_job", Map.of(), 1_000)).isAllowed()).isTrue();
        }
        assertThat(policy.decide(ToolCall.of("start_fhir_export_job", Map.of(), 1_000)).ruleId())
                .isEqualTo("start_fhir_export_job._rate_minute");
        assertThat(policy.decide(ToolCall.of("delete_fhir_resource", Map.of(), 0)).ruleId()).isEqualTo("no deletes");
    }

    @Test
    void readingErrorsStopBeforeTheIrSoEachProblemIsReportedOnce() {
        CompilationResult result = PolicyCompiler.standard().load("p.yaml", utf8("""
                version: "1"
                tools:
                  t:
                    rules:
                      - name: r
                        conditions:
                          - path: args.x
                            op: regex
                            value: "(?=x)"
                """));
        assertThat(codes(result)).isEqualTo("PC023");
        assertThat(result.built()).isEmpty();
        assertThat(result.diagnostics().get(0).toString()).startsWith("p.yaml:9:");
        assertThatThrownBy(result::interpreter).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PC023");
    }

    @Test
    void checksRunOnDocumentsThatPassedTheSchema() {
        CompilationResult result = PolicyCompiler.standard().load("p.json", utf8("""
                {"version": "1", "hide": ["t"],
                 "tools": {"t": {"require": [{"path": "args.n", "op": "lt", "value": 1},
                                             {"path": "args.n", "op": "gt", "value": 2}]}}}
                """));
        assertThat(codes(result)).isEqualTo("PC054 PC060");
        assertThat(result.hasErrors()).isFalse();
        assertThat(result.warnings()).hasSize(2);
        assertThat(result.interpreter().decide(ToolCall.of("t", Map.of(), 0)).ruleId()).isEqualTo("hide");
    }

    @Test
    void unreadableAndUnknownFiles(@TempDir Path dir) throws IOException {
        assertThat(codes(PolicyCompiler.standard().load(dir.resolve("missing.json")))).isEqualTo("PC001");
        Path toml = Files.writeString(dir.resolve("policy.toml"), "x = 1");
        assertThat(codes(PolicyCompiler.standard().load(toml))).isEqualTo("PC004");
    }

    @Test
    void aFileFarOverTheSizeLimitIsRefusedWithoutBeingRead(@TempDir Path dir) throws IOException {
        Path huge = dir.resolve("huge.json");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(3L << 30); // sparse: 3 GiB that no byte array can hold
        }

        CompilationResult result = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> PolicyCompiler.standard().load(huge));

        assertThat(result.diagnostics()).extracting(Diagnostic::toString).containsExactly(
                huge + ": error PC006: policy file is 3221225472 bytes; the limit is 4194304 bytes");
    }

    @Test
    void aDirectoryOrANamedPipeIsNotAPolicyFile(@TempDir Path dir) throws IOException, InterruptedException {
        assertThat(PolicyCompiler.standard().load(dir).diagnostics()).extracting(Diagnostic::toString)
                .containsExactly(dir + ": error PC001: cannot read policy file: not a regular file");
        Path pipe = dir.resolve("pipe.json");
        boolean made = new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor() == 0;
        Assumptions.assumeTrue(made && Files.exists(pipe), "mkfifo is not available here");

        CompilationResult result = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> PolicyCompiler.standard().load(pipe));

        assertThat(codes(result)).as("reading a pipe nobody writes to would wait forever").isEqualTo("PC001");
    }

    @Test
    void aBadToolsListIsAnErrorInEveryResult(@TempDir Path dir) throws IOException {
        Path notJson = Files.writeString(dir.resolve("tools.json"), "{not json");
        Path notATools = Files.writeString(dir.resolve("other.json"), "{\"result\": {\"prompts\": []}}");
        Path missing = dir.resolve("absent.json");
        for (Path toolsList : new Path[] {notJson, notATools, missing}) {
            CompilationResult result = PolicyCompiler.standard().withToolsList(toolsList)
                    .load("p.json", utf8("{\"version\": \"1\"}"));
            assertThat(result.errors()).singleElement().satisfies(d -> {
                assertThat(d.code().id()).isEqualTo("PC068");
                assertThat(d.position().file()).isEqualTo(toolsList.toString());
            });
        }
    }

    @Test
    void compilesACanonicalDocumentAndSortsDiagnosticsByPosition() {
        SourceMap map = new SourceMap("policies/p.policy");
        map.put("/tools/b", new dev.portcullis.compiler.source.SourcePosition("policies/p.policy", 9, 1));
        map.put("/tools/a", new dev.portcullis.compiler.source.SourcePosition("policies/p.policy", 3, 1));
        CanonicalDocument document = new CanonicalDocument("policies/p.policy", "policy", Canonical.tree("""
                {"version": "1", "hide": ["a", "b"], "tools": {"b": {}, "a": {}}}
                """), map);

        CompilationResult result = PolicyCompiler.standard().compile(document);

        assertThat(result.diagnostics()).extracting(Diagnostic::toString).containsExactly(
                "policies/p.policy:3:1: warning PC054: tool 'a' is hidden, so its entry never applies "
                        + "(hidden tools are always denied)",
                "policies/p.policy:9:1: warning PC054: tool 'b' is hidden, so its entry never applies "
                        + "(hidden tools are always denied)");
        assertThat(result.policy().orElseThrow().name()).isEqualTo("p");
    }

    @Test
    void theDefaultInterpreterHasItsOwnCounters() {
        CompilationResult result = PolicyCompiler.standard().load("p.yaml", utf8(FHIR_YAML));
        CompiledPolicy one = result.interpreter();
        CompiledPolicy two = result.interpreter();
        for (int i = 0; i < 10; i++) {
            one.decide(ToolCall.of("start_fhir_export_job", Map.of(), 0));
        }
        assertThat(one.decide(ToolCall.of("start_fhir_export_job", Map.of(), 0)).effect()).isEqualTo(Effect.DENY);
        assertThat(two.decide(ToolCall.of("start_fhir_export_job", Map.of(), 0)).isAllowed()).isTrue();
    }

    @Test
    void aBudgetTheRuntimeCannotCountIsAnErrorNotAFailureWhenTheGatewayLoadsThePolicy() {
        CompilationResult result = PolicyCompiler.standard().load("policies/huge.json", utf8("""
                {"version": "1", "tools": {"a": {"limits": [
                  {"counter": "c", "window": "day", "max": 9223372036854775807, "algorithm": "token_bucket"}]}}}
                """));

        assertThat(result.diagnostics()).extracting(Diagnostic::toString).containsExactly(
                "policies/huge.json:2:3: error PC070: counter 'c': a token bucket of max 9223372036854775807 per "
                        + "86400000 ms is beyond exact integer arithmetic; use a smaller max or window");
        assertThat(result.policy()).isEmpty();
    }

    @Test
    void baseNames() {
        assertThat(PolicyCompiler.baseName("a/b/fhir.export.yaml")).isEqualTo("fhir.export");
        assertThat(PolicyCompiler.baseName("C:\\p\\x.json")).isEqualTo("x");
        assertThat(PolicyCompiler.baseName(".hidden")).isEqualTo(".hidden");
    }
}
