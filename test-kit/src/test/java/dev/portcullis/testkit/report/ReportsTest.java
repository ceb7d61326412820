package dev.portcullis.testkit.report;

import static dev.portcullis.testkit.fixture.Transcripts.at;
import static dev.portcullis.testkit.fixture.Transcripts.exportCall;
import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.portcullis.testkit.fixture.EchoingFixturePolicy;
import dev.portcullis.testkit.fixture.FhirExportFixturePolicy;
import dev.portcullis.testkit.replay.PolicyCatalog;
import dev.portcullis.testkit.replay.PolicySelector;
import dev.portcullis.testkit.replay.PolicyUnderTest;
import dev.portcullis.testkit.replay.ReplayEngine;
import dev.portcullis.testkit.replay.ReplayListener;
import dev.portcullis.testkit.replay.ReplayOptions;
import dev.portcullis.testkit.replay.RunResult;
import dev.portcullis.testkit.replay.TranscriptResult;
import dev.portcullis.testkit.transcript.TranscriptSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class ReportsTest {

    /** Markup, quotes, an escape sequence that recolours terminals, NUL, a lone surrogate and a CDATA end. */
    private static final String HOSTILE_TOOL = "<script>alert(\\\"x\\\")</script>&amp;'\\u0000\\u001b[31m\\ud800]]>";
    private static final String HOSTILE_TOOL_DECODED = "<script>alert(\"x\")</script>&amp;'\u0000\u001b[31m\ud800]]>";

    @TempDir
    Path reports;

    private final List<String> warnings = new ArrayList<>();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private RunResult run;

    @BeforeEach
    void runAHostileAndAFailingTranscript() {
        StringBuilder runaway = new StringBuilder("{\"transcript\":{\"name\":\"Runaway <agent>\",\"description\":\"loops & loops\"}}\n");
        for (int i = 0; i < 11; i++) {
            runaway.append(exportCall(i, at(i * 1000L), "ci-runner", "")).append('\n');
        }
        String hostile = "{\"ts\":0,\"tool\":\"" + HOSTILE_TOOL + "\",\"arguments\":{\"why\":\"</failure><x>&\"}}\n"
                + "{\"ts\":1,\"tool\":\"rate" + HOSTILE_TOOL + "\",\"arguments\":{\"why\":\"-->\"}}\n";
        PolicyCatalog catalog = PolicyCatalog.builder()
                .add(FhirExportFixturePolicy.underTest("fhir-export", false))
                .add(PolicyUnderTest.of("echo", EchoingFixturePolicy::new))
                .build();
        List<TranscriptSource> sources = List.of(
                TranscriptSource.ofString("fhir-export/runaway-agent.jsonl", runaway.toString()),
                TranscriptSource.ofString("echo/hostile <&>.jsonl", hostile),
                TranscriptSource.ofString("fhir-export/broken.jsonl", "{\"ts\": 0, \"tool\": 5}\n"),
                TranscriptSource.ofString("fhir-export/fine.jsonl", "{\"ts\": 0, \"tool\": \"list_datastores\"}\n"));
        ReplayListener reporters = Reporters.standard(warnings::add, new PrintStream(console, true, StandardCharsets.UTF_8), reports);
        run = new ReplayEngine(ReplayOptions.DEFAULT, warnings::add).run(sources, catalog, reporters);
    }

    @Test
    void theConsoleSummarisesThenListsWhatToActOn() {
        String output = console.toString(StandardCharsets.UTF_8);
        assertThat(output).startsWith("Transcripts run: 4, Failures: 2, Errors: 1 (14 calls: 11 allowed, 3 denied, 0 held for approval)\n");
        assertThat(output).contains("Failures:\n  fhir-export/runaway-agent.jsonl:12 start_fhir_export_job expected ALLOW but was DENY: "
                + "limit start_fhir_export_job_rate: 10 per minute per grant reached (10 of 10 per minute used, retry after 50 s)\n");
        assertThat(output).contains("Errors:\n  fhir-export/broken.jsonl:1:19: error PC308: 'tool' must be a string, found the number 5\n");
        assertThat(output).contains("Coverage: fhir-export: 2 of 5 rules, conditions and limits exercised (40.0%); never hit: no_deletes, phi_bulk_read, phi_bucket_only\n");
        assertThat(output).doesNotContain("\u001b").doesNotContain("\u0000").contains("\\u001B[31m");
        assertThat(warnings).isEmpty();
    }

    @Test
    void junitXmlFollowsTheSurefireSchemaWithOneTestCasePerTranscript() throws Exception {
        try (Stream<Path> files = Files.list(reports)) {
            assertThat(files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".xml")))
                    .containsExactlyInAnyOrder("TEST-portcullis.fhir-export.runaway-agent.xml", "TEST-portcullis.echo.hostile____.xml",
                            "TEST-portcullis.fhir-export.broken.xml", "TEST-portcullis.fhir-export.fine.xml", "TEST-portcullis-coverage.xml");
        }
        javax.xml.validation.Schema surefire;
        try (InputStream xsd = getClass().getResourceAsStream("/schemas/surefire-test-report-subset.xsd")) {
            surefire = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(new StreamSource(xsd));
        }
        try (Stream<Path> files = Files.list(reports)) {
            for (Path xml : files.filter(path -> path.toString().endsWith(".xml")).toList()) {
                surefire.newValidator().validate(new StreamSource(xml.toFile()));
            }
        }
        Element runaway = parseXml(reports.resolve("TEST-portcullis.fhir-export.runaway-agent.xml")).getDocumentElement();
        assertThat(runaway.getAttribute("tests")).isEqualTo("1");
        assertThat(runaway.getAttribute("failures")).isEqualTo("1");
        Element testcase = (Element) runaway.getElementsByTagName("testcase").item(0);
        assertThat(testcase.getAttribute("name")).isEqualTo("Runaway <agent>");
        assertThat(testcase.getAttribute("classname")).isEqualTo("portcullis.fhir-export.runaway-agent");
        Element failure = (Element) testcase.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).startsWith("fhir-export/runaway-agent.jsonl:12 start_fhir_export_job expected ALLOW");

        Element hostile = parseXml(reports.resolve("TEST-portcullis.echo.hostile____.xml")).getDocumentElement();
        Element hostileFailure = (Element) hostile.getElementsByTagName("failure").item(0);
        String expectedTool = "<script>alert(\"x\")</script>&amp;'\\u0000\\u001B[31m\\uD800]]>";
        assertThat(hostileFailure.getAttribute("message")).isEqualTo("echo/hostile <&>.jsonl:1 " + expectedTool
                + " expected ALLOW but was DENY: denied " + expectedTool + " because </failure><x>&");
        assertThat(hostileFailure.getTextContent()).contains("echo/hostile <&>.jsonl:2 rate" + expectedTool);

        Element broken = parseXml(reports.resolve("TEST-portcullis.fhir-export.broken.xml")).getDocumentElement();
        assertThat(broken.getAttribute("errors")).isEqualTo("1");
        assertThat(((Element) broken.getElementsByTagName("error").item(0)).getAttribute("message"))
                .isEqualTo("fhir-export/broken.jsonl:1:19: error PC308: 'tool' must be a string, found the number 5");

        Element coverage = parseXml(reports.resolve("TEST-portcullis-coverage.xml")).getDocumentElement();
        assertThat(coverage.getElementsByTagName("testcase").getLength()).isEqualTo(2);
        assertThat(coverage.getTextContent()).contains("never hit: no_deletes, phi_bulk_read, phi_bucket_only");
    }

    @Test
    void theJsonReportFollowsItsSchema() throws IOException {
        String report = Files.readString(reports.resolve(Reporters.JSON_REPORT));
        Schema schema;
        try (InputStream schemaText = JsonReporter.class.getResourceAsStream(JsonReporter.SCHEMA_RESOURCE)) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schemaText);
        }
        assertThat(schema.validate(report, InputFormat.JSON)).isEmpty();

        JsonNode json = new ObjectMapper().readTree(report);
        assertThat(json.path("summary").path("failures").asInt()).isEqualTo(2);
        JsonNode runaway = json.path("transcripts").get(0);
        assertThat(runaway.path("status").asString()).isEqualTo("failed");
        JsonNode mismatch = runaway.path("mismatches").get(0);
        assertThat(mismatch.path("line").asInt()).isEqualTo(12);
        assertThat(mismatch.path("actual").path("rate_limit").path("retry_after_ms").asLong()).isEqualTo(50_000);
        assertThat(mismatch.path("expected").path("effect").asString()).isEqualTo("allow");
        JsonNode hostile = json.path("transcripts").get(1);
        assertThat(hostile.path("mismatches").get(0).path("tool").asString()).isEqualTo(HOSTILE_TOOL_DECODED.replace('\ud800', '\ufffd'));
        assertThat(json.path("transcripts").get(2).path("errors").get(0).path("code").asString()).isEqualTo("PC308");
        JsonNode coverage = json.path("coverage").get(0);
        assertThat(coverage.path("policy").asString()).isEqualTo("fhir-export");
        assertThat(coverage.path("never_hit").toString()).isEqualTo("[\"no_deletes\",\"phi_bulk_read\",\"phi_bucket_only\"]");
    }

    @Test
    void theHtmlReportIsWellFormedHasNoScriptAndDrawsTheCounter() throws Exception {
        String html = Files.readString(reports.resolve(Reporters.HTML_REPORT));
        Document page = parseXml(reports.resolve(Reporters.HTML_REPORT));
        assertThat(page.getElementsByTagName("script").getLength()).isZero();
        assertThat(page.getElementsByTagName("x").getLength()).isZero();
        assertThat(page.getDocumentElement().getTextContent()).contains("<script>alert(\"x\")</script>&amp;'\\u0000");
        assertThat(page.getElementsByTagName("svg").getLength()).isEqualTo(2);
        assertThat(html).contains("Counter <code>start_fhir_export_job_rate</code>");
        assertThat(html).contains("max 10 per minute");
        assertThat(page.getElementsByTagName("circle").getLength()).isEqualTo(10);
        assertThat(html).doesNotContain("\u001b");
    }

    @Test
    void aReporterThatThrowsIsLoggedAndTheOthersStillWrite(@TempDir Path other) throws IOException {
        List<String> log = new ArrayList<>();
        ReplayListener exploding = new ReplayListener() {
            @Override
            public void transcriptFinished(TranscriptResult result) {
                throw new IllegalStateException("cannot write");
            }
        };
        ReplayListener reporters = Reporters.combine(log::add, exploding, new JsonReporter(other.resolve("r.json")));
        RunResult result = new ReplayEngine(ReplayOptions.DEFAULT, log::add).run(
                List.of(TranscriptSource.ofString("t.jsonl", "{\"ts\":0,\"tool\":\"list_datastores\"}\n")),
                PolicySelector.always(FhirExportFixturePolicy.underTest("p", false)), reporters);
        assertThat(result.successful()).isTrue();
        assertThat(Files.readString(other.resolve("r.json"))).contains("\"transcripts\":1");
        assertThat(log).singleElement().asString().contains("failed in transcriptFinished").contains("cannot write");
    }

    @Test
    void anUnwritableReportDirectoryIsAWarningNotAFailedRun(@TempDir Path other) throws IOException {
        Path notADirectory = Files.writeString(other.resolve("file"), "x");
        List<String> log = new ArrayList<>();
        RunResult result = new ReplayEngine(ReplayOptions.DEFAULT, log::add).run(
                List.of(TranscriptSource.ofString("t.jsonl", "{\"ts\":0,\"tool\":\"list_datastores\"}\n")),
                PolicySelector.always(FhirExportFixturePolicy.underTest("p", false)),
                Reporters.combine(log::add, Reporters.fileReports(notADirectory.resolve("reports"))));
        assertThat(result.successful()).isTrue();
        assertThat(log).hasSize(3).allSatisfy(warning -> assertThat(warning).contains("failed in"));
    }

    static Document parseXml(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setExpandEntityReferences(false);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(Files.readString(file))));
    }
}
