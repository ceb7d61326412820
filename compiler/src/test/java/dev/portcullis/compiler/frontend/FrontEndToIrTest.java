package dev.portcullis.compiler.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.ir.BuildResult;
import dev.portcullis.compiler.ir.IrBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The contract between the front ends and the IR: what the front ends accept, the IR builder accepts too. */
class FrontEndToIrTest {

    private final FrontEnds frontEnds = FrontEnds.standard();

    @ParameterizedTest
    @ValueSource(strings = {
        "fixtures/json/seed-example.json",
        "fixtures/json/full-canonical.json",
        "fixtures/json/faq-forms.json",
        "fixtures/intercept/valid-complete.yaml",
        "fixtures/intercept/version-as-number.yaml",
    })
    void validFixturesBuildTheIr(String resource) throws IOException {
        byte[] content;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            content = in.readAllBytes();
        }
        assertBuilds(resource, content);
    }

    @Test
    void theInterceptCorpusBuildsTheIr() throws IOException {
        for (Path policy : InterceptCorpus.policies()) {
            assertBuilds(policy.getFileName().toString(), Files.readAllBytes(policy));
        }
    }

    private void assertBuilds(String name, byte[] content) {
        FrontEndResult result = frontEnds.readAndValidate(name, content);
        assertThat(result.diagnostics()).as(name).isEmpty();
        CanonicalDocument doc = result.document().orElseThrow();
        BuildResult built = IrBuilder.build(doc.tree(), doc.sourceMap(), "policy");
        assertThat(built.diagnostics()).as("IR diagnostics of %s", name).filteredOn(Diagnostic::isError).isEmpty();
    }
}
