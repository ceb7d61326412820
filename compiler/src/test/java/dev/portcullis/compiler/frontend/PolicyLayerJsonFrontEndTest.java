package dev.portcullis.compiler.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import dev.portcullis.compiler.source.SourceMap;
import dev.portcullis.compiler.source.SourcePosition;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PolicyLayerJsonFrontEndTest {

    private final PolicyLayerJsonFrontEnd frontEnd = new PolicyLayerJsonFrontEnd();

    private FrontEndResult read(String json) {
        return frontEnd.read("p.json", json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void canonicalJsonIsKeptAsWritten() {
        String json = "{\"version\":\"1\",\"default\":\"deny\",\"tools\":{\"start_fhir_export_job\":{\"limits\":["
                + "{\"counter\":\"start_fhir_export_job_rate\",\"window\":\"minute\",\"max\":10,\"scope\":\"grant\"}]}}}";
        FrontEndResult result = read(json);
        assertThat(result.diagnostics()).isEmpty();
        CanonicalDocument doc = result.document().orElseThrow();
        assertThat(doc.tree()).isEqualTo(JsonMapper.builder().build().readTree(json));
        assertThat(doc.format()).isEqualTo("json");
    }

    @Test
    void recordsWhereEveryKeyAndElementStarts() {
        String json = String.join("\n",
                "{",
                "  \"version\": \"1\",",
                "  \"hide\": [\"a\",",
                "           \"b\"],",
                "  \"tools\": {",
                "    \"x\": {\"deny_if\": [{\"path\": \"args.n\", \"op\": \"gt\", \"value\": 5}]}",
                "  }",
                "}");
        SourceMap map = read(json).document().orElseThrow().sourceMap();
        assertThat(map.positionOf("")).isEqualTo(new SourcePosition("p.json", 1, 1));
        assertThat(map.positionOf("/version")).isEqualTo(new SourcePosition("p.json", 2, 3));
        assertThat(map.positionOf("/hide/1")).isEqualTo(new SourcePosition("p.json", 4, 12));
        assertThat(map.positionOf("/tools/x")).isEqualTo(new SourcePosition("p.json", 6, 5));
        assertThat(map.positionOf("/tools/x/deny_if/0")).isEqualTo(new SourcePosition("p.json", 6, 23));
        assertThat(map.positionOf("/tools/x/deny_if/0/value")).as("a member maps to its key")
                .isEqualTo(new SourcePosition("p.json", 6, 54));
        assertThat(map.positionOf("/tools/x/deny_if/0/value/absent")).as("falls back to the nearest ancestor")
                .isEqualTo(new SourcePosition("p.json", 6, 54));
    }

    @Test
    void toolNamesWithSlashAndTildeAreEscapedInPointers() {
        FrontEndResult result = read("{\"version\": \"1\",\n \"tools\": {\"a/b~c\": {\"limits\": [{\"counter\": \"c\", \"max\": 0}]}}}");
        SourceMap map = result.document().orElseThrow().sourceMap();
        assertThat(map.positionOf("/tools/a~1b~0c")).isEqualTo(new SourcePosition("p.json", 2, 12));
        Diagnostic d = new CanonicalSchemaValidator().validate(result.document().get()).get(0);
        assertThat(d.code()).isEqualTo(DiagnosticCode.OUT_OF_RANGE);
        assertThat(d.position().line()).isEqualTo(2);
        assertThat(d.message()).startsWith("tools[\"a/b~c\"].limits[0].max must be at least 1");
    }

    @Test
    void rateLimitShorthandBecomesAGrantScopedLimit() {
        String json = String.join("\n",
                "{\"version\": \"1\",",
                " \"all_tools\": {\"rate_limit\": {\"max\": 100, \"window\": 60}},",
                " \"tools\": {",
                "  \"search\": {\"limits\": [{\"counter\": \"s\", \"window\": \"day\", \"max\": 5}],",
                "             \"rate_limit\": {\"max\": 10,",
                "                            \"window\": \"minute\"}}}}");
        CanonicalDocument doc = read(json).document().orElseThrow();
        JsonNode search = doc.tree().at("/tools/search");
        assertThat(search.has("rate_limit")).isFalse();
        assertThat(search.get("limits")).hasSize(2);
        assertThat(search.at("/limits/1")).isEqualTo(JsonMapper.builder().build().readTree(
                "{\"counter\": \"search.rate_limit\", \"max\": 10, \"window\": \"minute\", \"scope\": \"grant\"}"));
        assertThat(doc.tree().at("/all_tools/limits/0/counter").asString()).isEqualTo("_all_tools.rate_limit");
        assertThat(doc.sourceMap().positionOf("/tools/search/limits/1").line()).isEqualTo(5);
        assertThat(doc.sourceMap().positionOf("/tools/search/limits/1/window").line()).isEqualTo(6);
        assertThat(doc.sourceMap().positionOf("/all_tools/limits").line()).isEqualTo(2);
        assertThat(new CanonicalSchemaValidator().validate(doc)).isEmpty();
    }

    @Test
    void shorthandMaxIsValidatedWhereTheUserWroteIt() {
        FrontEndResult result = FrontEnds.standard().readAndValidate("p.json",
                "{\"version\": \"1\", \"tools\": {\"a\": {\n\"rate_limit\": {\"window\": 60,\n \"max\": -1}}}}".getBytes(StandardCharsets.UTF_8));
        assertThat(result.diagnostics()).extracting(Diagnostic::code).containsExactly(DiagnosticCode.OUT_OF_RANGE);
        assertThat(result.diagnostics().get(0).position()).isEqualTo(new SourcePosition("p.json", 3, 2));
    }

    @Test
    void aDocumentWithErrorsIsStillReturnedSoThatValidationCanReportMore() {
        FrontEndResult result = FrontEnds.standard().readAndValidate("p.json",
                "{\"version\": \"1\", \"version\": \"1\", \"defualt\": \"deny\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(result.hasErrors()).isTrue();
        assertThat(result.document()).isPresent();
        assertThat(result.diagnostics()).extracting(Diagnostic::code)
                .containsExactly(DiagnosticCode.DUPLICATE_KEY, DiagnosticCode.UNKNOWN_FIELD);
    }

    @Test
    void aDuplicateKeyKeepsTheFirstValueAndItsPositions() {
        FrontEndResult result = read("{\"version\": \"1\",\n \"tools\": {\"a\": {\"action\": \"deny\"}},\n \"tools\": {\"a\": {\"action\": \"allow\"}}}");
        assertThat(result.diagnostics()).extracting(Diagnostic::code).containsExactly(DiagnosticCode.DUPLICATE_KEY);
        CanonicalDocument doc = result.document().orElseThrow();
        assertThat(doc.tree().at("/tools/a/action").asString()).isEqualTo("deny");
        assertThat(doc.sourceMap().positionOf("/tools/a/action").line()).isEqualTo(2);
    }
}
