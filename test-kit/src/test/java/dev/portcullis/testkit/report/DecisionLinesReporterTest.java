package dev.portcullis.testkit.report;

import static dev.portcullis.testkit.fixture.Transcripts.at;
import static dev.portcullis.testkit.fixture.Transcripts.exportCall;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.testkit.fixture.FhirExportFixturePolicy;
import dev.portcullis.testkit.replay.ReplayEngine;
import dev.portcullis.testkit.transcript.TranscriptSource;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class DecisionLinesReporterTest {

    @Test
    void printsOneSortedObjectPerCallAndNothingElse() {
        StringBuilder transcript = new StringBuilder("{\"message\":{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\"}}\n");
        for (int i = 1; i <= 11; i++) {
            transcript.append(exportCall(i, at(i * 1000L), "ci-runner", "")).append('\n');
        }
        transcript.append("{\"ts\":\"").append(at(12_000)).append("\",\"tool\":\"delete_fhir_resource\",\"expect\":\"deny\"}\n");
        StringWriter out = new StringWriter();
        new ReplayEngine().replay(TranscriptSource.ofString("t.jsonl", transcript.toString()),
                FhirExportFixturePolicy.underTest("p", false), new DecisionLinesReporter(out));

        String[] lines = out.toString().split("\n", -1);
        assertThat(lines).hasSize(13);
        assertThat(lines[12]).isEmpty();
        assertThat(lines[0]).isEqualTo("{\"effect\":\"allow\",\"line\":2,\"reason\":\"export allowed\",\"rule\":\"default\","
                + "\"tool\":\"start_fhir_export_job\"}");
        assertThat(lines[10]).isEqualTo("{\"count\":10,\"counter\":\"start_fhir_export_job_rate\",\"effect\":\"deny\",\"line\":12,"
                + "\"max\":10,\"reason\":\"limit start_fhir_export_job_rate: 10 per minute per grant reached\",\"retry_after_ms\":49000,"
                + "\"rule\":\"start_fhir_export_job_rate\",\"tool\":\"start_fhir_export_job\",\"window_ms\":60000}");
        ObjectMapper mapper = new ObjectMapper();
        for (int i = 0; i < 12; i++) {
            JsonNode object = mapper.readTree(lines[i]);
            List<String> keys = new ArrayList<>();
            Iterator<String> names = object.propertyNames().iterator();
            names.forEachRemaining(keys::add);
            assertThat(keys).isSorted();
        }
    }
}
