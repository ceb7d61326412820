package dev.portcullis.testkit.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import dev.portcullis.testkit.fixture.FhirExportFixturePolicy;
import dev.portcullis.testkit.replay.ReplayEngine;
import dev.portcullis.testkit.replay.ReplayListener;
import dev.portcullis.testkit.replay.TranscriptResult;
import dev.portcullis.testkit.transcript.TranscriptSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JsonRpcLogImporterTest {

    private static final String EXPORT = "{\"jsonrpc\":\"2.0\",\"id\":%d,\"method\":\"tools/call\",\"params\":{\"name\":\"start_fhir_export_job\","
            + "\"arguments\":{\"output_data_config\":{\"s3_configuration\":{\"s3_uri\":\"s3://phi-exports/x/\"}}}}}";

    @Test
    void aRawLogBecomesATranscriptThatReplays() throws IOException {
        StringBuilder log = new StringBuilder("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{}}\n\n");
        for (int id = 1; id <= 11; id++) {
            log.append(String.format(EXPORT, id)).append('\n');
            log.append("{\"jsonrpc\":\"2.0\",\"id\":").append(id).append(",\"result\":{\"content\":[],\"isError\":").append(id == 3).append("}}\n");
        }
        StringWriter transcript = new StringWriter();
        JsonRpcLogImporter.Result result = new JsonRpcLogImporter().importLog("session.log", bytes(log.toString()), transcript,
                JsonRpcLogImporter.Options.defaults().withName("imported session")
                        .withStart(Instant.parse("2026-11-26T10:00:00Z"), 1000).withIdentity("ci-runner", "s-1", "exporter"));

        assertThat(result.messages()).isEqualTo(23);
        assertThat(result.toolCalls()).isEqualTo(11);
        assertThat(result.errors()).isEmpty();
        String[] lines = transcript.toString().split("\n");
        assertThat(lines[0]).isEqualTo("{\"transcript\":{\"name\":\"imported session\",\"description\":\"imported from session.log\"}}");
        assertThat(lines[1]).isEqualTo("{\"ts\":\"2026-11-26T10:00:00Z\",\"message\":{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{}}}");
        assertThat(lines[2]).startsWith("{\"ts\":\"2026-11-26T10:00:01Z\",\"grant\":\"ci-runner\",\"session\":\"s-1\",\"agent\":\"exporter\",\"message\":{");

        // eleven exports in 22 seconds: the failed third gives its quota back, so all eleven are allowed
        TranscriptResult replayed = new ReplayEngine().replay(TranscriptSource.ofString("imported.jsonl", transcript.toString()),
                FhirExportFixturePolicy.underTest("p", false), ReplayListener.NONE);
        assertThat(replayed.errors()).isEmpty();
        assertThat(replayed.mismatches()).isEmpty();
        assertThat(replayed.counts().calls()).isEqualTo(11);
        assertThat(replayed.counts().released()).isEqualTo(1);
    }

    @Test
    void wrappersGiveTheirTimeAndBatchesAreSplit() throws IOException {
        String log = "{\"timestamp\":\"2026-11-26T09:00:00.500Z\",\"direction\":\"client->server\",\"message\":" + String.format(EXPORT, 1) + "}\n"
                + "{\"time\":1795683601000,\"message\":{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}}\n"
                + "[" + String.format(EXPORT, 2) + "," + String.format(EXPORT, 3) + "]\n";
        StringWriter transcript = new StringWriter();
        JsonRpcLogImporter.Result result = new JsonRpcLogImporter().importLog("proxy.log", bytes(log), transcript,
                JsonRpcLogImporter.Options.defaults());
        String[] lines = transcript.toString().split("\n");
        assertThat(result.messages()).isEqualTo(4);
        assertThat(lines[0]).startsWith("{\"ts\":\"2026-11-26T09:00:00.500Z\",\"message\":{");
        assertThat(lines[1]).startsWith("{\"ts\":\"2026-11-26T09:00:01Z\",\"message\":{");
        assertThat(lines[2]).startsWith("{\"ts\":\"2026-11-26T09:00:02Z\"");
        assertThat(lines[3]).startsWith("{\"ts\":\"2026-11-26T09:00:02Z\"");
    }

    @Test
    void brokenLinesAreReportedWithTheirNumberAndLeftOut() throws IOException {
        String log = String.format(EXPORT, 1) + "\nnot json\n42\n" + String.format(EXPORT, 2) + "\n";
        StringWriter transcript = new StringWriter();
        JsonRpcLogImporter.Result result = new JsonRpcLogImporter().importLog("bad.log", bytes(log), transcript,
                JsonRpcLogImporter.Options.defaults());
        assertThat(result.messages()).isEqualTo(2);
        assertThat(result.errors()).extracting(error -> error.code()).containsExactly(DiagnosticCode.TRANSCRIPT_MALFORMED_JSON,
                DiagnosticCode.TRANSCRIPT_LINE_NOT_OBJECT);
        assertThat(result.errors().get(0).toString()).isEqualTo("bad.log:2:1: error PC301: malformed JSON: Unrecognized token 'not': "
                + "was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')");
        assertThat(result.errors().get(1).toString()).isEqualTo("bad.log:3: error PC302: a transcript line must be one JSON object, found a JSON number");
    }

    private static ByteArrayInputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
