package dev.portcullis.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.ir.Policy;
import dev.portcullis.compiler.ir.ToolEntry;
import dev.portcullis.runtime.CompiledPolicy;
import dev.portcullis.runtime.Decision;
import dev.portcullis.runtime.ToolCall;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The 53 published Intercept policies compile without error and their interpreters decide. */
class InterceptCorpusTest {

    private static Path corpus() {
        Path dir = Path.of(System.getProperty("portcullis.shared.dir", "../shared"), "corpus", "intercept-policies");
        Assumptions.assumeTrue(Files.isDirectory(dir), "shared corpus not found: " + dir);
        return dir;
    }

    @Test
    void everyPublishedPolicyCompilesAndDecides() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(corpus())) {
            files = list.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).hasSize(53);
        for (Path file : files) {
            CompilationResult result = PolicyCompiler.standard().load(file);
            assertThat(result.errors()).as("errors of %s", file).isEmpty();
            Policy policy = result.policy().orElseThrow();
            CompiledPolicy interpreter = result.interpreter();
            for (ToolEntry entry : policy.tools().values()) {
                Decision decision = interpreter.decide(ToolCall.of(entry.key(), Map.of(), 0));
                assertThat(decision.ruleId()).as("%s: %s", file.getFileName(), entry.key())
                        .isNotEqualTo("portcullis.evaluation_error");
                if (entry.rules().isEmpty() && entry.limits().isEmpty() && !policy.isHidden(entry.key())
                        && policy.allTools().isEmpty()) {
                    assertThat(decision.isAllowed()).as("%s: %s has rules: []", file.getFileName(), entry.key()).isTrue();
                }
            }
            assertThat(interpreter.decide(ToolCall.of("certainly_not_a_listed_tool", Map.of(), 0)).ruleId())
                    .isIn("default", "hide");
        }
    }

    @Test
    void theSampleHealthLakePolicyIsCleanAgainstTheRealToolsList() {
        Path sample = Path.of("../samples/fhir-export/src/main/policies/healthlake.json");
        Path toolsList = corpus().getParent().resolve("healthlake-tools-list.json");
        Assumptions.assumeTrue(Files.exists(sample), "sample not found: " + sample.toAbsolutePath());
        CompilationResult result = PolicyCompiler.standard().withToolsList(toolsList).load(sample);
        assertThat(result.diagnostics()).as(result.diagnostics().stream().map(Diagnostic::toString)
                .collect(Collectors.joining("\n"))).isEmpty();
    }
}
