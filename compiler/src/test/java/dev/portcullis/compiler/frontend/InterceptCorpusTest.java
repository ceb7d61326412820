package dev.portcullis.compiler.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The real Intercept policies of the shared corpus all load, translate and validate without a diagnostic. */
class InterceptCorpusTest {

    @Test
    void everyRealInterceptPolicyLoadsWithoutDiagnostics() throws IOException {
        List<Path> policies = InterceptCorpus.policies();
        assertThat(policies).as("the Intercept corpus").hasSizeGreaterThanOrEqualTo(InterceptCorpus.SIZE);

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
