package dev.portcullis.compiler.frontend;

import dev.portcullis.compiler.diagnostic.DiagnosticFixtures;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Golden fixtures of both front ends, read and validated as the build reads them. */
class FrontEndFixturesTest {

    private final FrontEnds frontEnds = FrontEnds.standard();

    @TestFactory
    Stream<DynamicTest> policyLayerJson() {
        return DiagnosticFixtures.run("fixtures/json", (name, bytes) -> frontEnds.readAndValidate(name, bytes).diagnostics());
    }

    @TestFactory
    Stream<DynamicTest> interceptYaml() {
        return DiagnosticFixtures.run("fixtures/intercept", (name, bytes) -> frontEnds.readAndValidate(name, bytes).diagnostics());
    }
}
