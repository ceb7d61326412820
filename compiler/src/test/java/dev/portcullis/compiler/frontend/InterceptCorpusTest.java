package dev.portcullis.compiler.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The real Intercept policies of the shared corpus all load, translate and validate without a diagnostic. */
class InterceptCorpusTest {

    private static final int CORPUS_SIZE = 53;

    @Test
    void everyRealInterceptPolicyLoadsWithoutDiagnostics() throws IOException {
        String shared = System.getProperty("portcullis.shared.dir");
        assumeTrue(shared != null, "system property portcullis.shared.dir is not set; skipping the Intercept corpus");
        Path folder = Path.of(shared, "corpus", "intercept-policies");
        assumeTrue(Files.isDirectory(folder), "no Intercept corpus at " + folder + "; skipping");
        List<Path> policies;
        try (Stream<Path> files = Files.list(folder)) {
            policies = files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted().collect(Collectors.toList());
        }
        assertThat(policies).as("policies in %s", folder).hasSizeGreaterThanOrEqualTo(CORPUS_SIZE);

        FrontEnds frontEnds = FrontEnds.standard();
        for (Path policy : policies) {
            String name = "corpus/" + policy.getFileName();
            FrontEndResult result = frontEnds.readAndValidate(name, Files.readAllBytes(policy));
            assertThat(result.diagnostics()).as(name).isEmpty();
            JsonNode canonical = result.document().orElseThrow().tree();
            assertThat(canonical.path("version").asString()).as(name).isEqualTo("1");
            assertThat(canonical.path("tools").size()).as("%s: every listed tool is kept", name).isPositive();
        }
    }
}
