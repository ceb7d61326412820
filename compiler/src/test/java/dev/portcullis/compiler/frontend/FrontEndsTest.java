package dev.portcullis.compiler.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import dev.portcullis.compiler.source.SourceMap;
import dev.portcullis.compiler.source.SourcePosition;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

class FrontEndsTest {

    private static final byte[] POLICY = "{\"version\": \"1\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void picksTheFrontEndByExtension() {
        assertThat(FrontEnds.forFileName("p.json")).containsInstanceOf(PolicyLayerJsonFrontEnd.class);
        assertThat(FrontEnds.forFileName("dir.v2/p.YAML")).containsInstanceOf(InterceptYamlFrontEnd.class);
        assertThat(FrontEnds.forFileName("C:\\policies\\p.yml")).containsInstanceOf(InterceptYamlFrontEnd.class);
        assertThat(FrontEnds.forFileName("p.policy")).isEmpty();
        assertThat(FrontEnds.forFileName("json")).isEmpty();
    }

    @Test
    void unknownExtensionsAreADiagnostic() {
        FrontEndResult result = FrontEnds.standard().readAndValidate("notes.txt", POLICY);
        assertThat(result.document()).isEmpty();
        Diagnostic d = result.diagnostics().get(0);
        assertThat(d.code()).isEqualTo(DiagnosticCode.UNKNOWN_FORMAT);
        assertThat(d.position()).isEqualTo(SourcePosition.ofFile("notes.txt"));
        assertThat(d.message()).contains("'txt'");
    }

    @Test
    void anotherFrontEndJoinsWithoutChangingTheStandardRegistry() {
        PolicyFrontEnd dsl = (name, bytes) -> FrontEndResult.of(new CanonicalDocument(name, "policy",
                JsonNodeFactory.instance.objectNode().put("version", "1"), new SourceMap(name)), List.of());
        FrontEnds withDsl = FrontEnds.standard().with("policy", dsl);
        assertThat(withDsl.frontEndFor("a.policy")).contains(dsl);
        FrontEndResult result = withDsl.readAndValidate("a.policy", new byte[0]);
        assertThat(result.diagnostics()).isEmpty();
        assertThat(result.document().orElseThrow().format()).isEqualTo("policy");
        assertThat(FrontEnds.standard().frontEndFor("a.policy")).isEmpty();
    }

    @Test
    void readAndValidateAddsSchemaDiagnosticsToTheFrontEnds() {
        FrontEndResult result = FrontEnds.standard().readAndValidate("p.json",
                "{\"version\": \"1\", \"tools\": {\"a\": {\"rate_limit\": 5, \"action\": \"block\"}}}".getBytes(StandardCharsets.UTF_8));
        assertThat(result.diagnostics()).extracting(Diagnostic::code)
                .containsExactlyInAnyOrder(DiagnosticCode.WRONG_TYPE, DiagnosticCode.INVALID_VALUE);
    }

    @Test
    void diagnosticsAreInFileOrder() {
        FrontEndResult result = FrontEnds.standard().readAndValidate("p.yaml", String.join("\n",
                "version: \"2\"", "default: nope", "hide: [a, a]", "tools:", "  t:", "    rules:", "      - action: deny", "")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(result.diagnostics()).extracting(d -> d.position().line()).isSorted().hasSize(4);
    }
}
