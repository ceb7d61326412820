package dev.portcullis.testkit.e2e;

import static dev.portcullis.testkit.fixture.Transcripts.at;
import static dev.portcullis.testkit.fixture.Transcripts.exportCall;
import static dev.portcullis.testkit.fixture.Transcripts.response;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.runtime.Effect;
import dev.portcullis.testkit.coverage.CoverageItem;
import dev.portcullis.testkit.coverage.CoverageReport;
import dev.portcullis.compiler.codegen.BytecodeCompiler;
import dev.portcullis.testkit.policy.FilePolicy;
import dev.portcullis.testkit.policy.PolicyEvaluator;
import dev.portcullis.testkit.policy.PolicyLoadResult;
import dev.portcullis.testkit.policy.PolicyLoader;
import dev.portcullis.testkit.replay.Mismatch;
import dev.portcullis.testkit.replay.PolicySelector;
import dev.portcullis.testkit.replay.ReplayEngine;
import dev.portcullis.testkit.replay.ReplayListener;
import dev.portcullis.testkit.replay.RunResult;
import dev.portcullis.testkit.replay.TranscriptResult;
import dev.portcullis.testkit.replay.TranscriptStatus;
import dev.portcullis.testkit.report.ConsoleReporter;
import dev.portcullis.testkit.transcript.TranscriptSource;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The FHIR-export scenario through the real front end, IR and interpreter. */
class FhirExportEndToEndTest {

    private final ReplayEngine replayEngine = new ReplayEngine();

    @ParameterizedTest(name = "{0} window, {1}")
    @CsvSource({"fixed, interpreted", "fixed, compiled", "sliding, interpreted", "sliding, compiled"})
    void theEleventhExportWithinAMinuteFailsOnItsLineNamingTheCounter(String algorithm, String engine) throws IOException {
        FilePolicy policy = load(algorithm, engine);
        assertThat(policy.engine()).isEqualTo(engine);
        StringBuilder transcript = new StringBuilder("{\"transcript\":{\"name\":\"runaway agent\"}}\n");
        for (int i = 0; i < 11; i++) {
            transcript.append(exportCall(i, at(i * 1000L), "ci-runner", "")).append('\n');
        }
        List<String> console = new ArrayList<>();
        RunResult run = replayEngine.run(List.of(TranscriptSource.ofString("runaway-agent.jsonl", transcript.toString())),
                PolicySelector.always(policy), new ConsoleReporter(console::add, console::add));

        TranscriptResult result = run.transcripts().get(0);
        assertThat(result.status()).isEqualTo(TranscriptStatus.FAILED);
        Mismatch mismatch = result.mismatches().get(0);
        assertThat(result.mismatchCount()).isEqualTo(1);
        assertThat(mismatch.line()).isEqualTo(12);
        assertThat(mismatch.actual().ruleId()).isEqualTo("start_fhir_export_job_rate");
        assertThat(mismatch.actual().rateLimit().retryAfterMillis()).isEqualTo(50_000);
        assertThat(console).contains("Transcripts run: 1, Failures: 1, Errors: 0 (11 calls: 10 allowed, 1 denied, 0 held for approval)",
                "  runaway-agent.jsonl:12 start_fhir_export_job expected ALLOW but was DENY: limit start_fhir_export_job_rate:"
                        + " 10 per minute per grant reached (10/10); retry after 50 s [grant=ci-runner; would be the 11th call in the window "
                        // the fixed window is the calendar minute; the sliding one is the minute up to the call
                        + (algorithm.equals("fixed") ? "2026-11-26T10:00:00Z-10:01:00Z]" : "2026-11-26T09:59:10Z-10:00:10Z]"));
    }

    @ParameterizedTest(name = "{0} window, {1}")
    @CsvSource({"fixed, interpreted", "fixed, compiled", "sliding, interpreted", "sliding, compiled"})
    void expectedDenialsPassAndTheNextMinuteIsAllowedAgain(String algorithm, String engine) throws IOException {
        FilePolicy policy = load(algorithm, engine);
        StringBuilder transcript = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            transcript.append(exportCall(i, at(i * 1000L), "ci-runner", "")).append('\n');
        }
        transcript.append(exportCall(10, at(10_000), "ci-runner",
                "\"expect\":\"deny\",\"expect_rule\":\"start_fhir_export_job_rate\",\"expect_reason\":\"retry after \\\\d+ s\"")).append('\n');
        transcript.append(exportCall(11, at(30_000), "other-grant", "")).append('\n');
        // a fixed window opens at 10:01:00; a sliding one has room once the first call is a minute old
        transcript.append(exportCall(12, at(60_000), "ci-runner", "")).append('\n');
        TranscriptResult result = replayEngine.replay(TranscriptSource.ofString("t.jsonl", transcript.toString()), policy, ReplayListener.NONE);
        assertThat(result.mismatches()).isEmpty();
        assertThat(result.status()).isEqualTo(TranscriptStatus.PASSED);
    }

    @Test
    void aFailedExportGivesItsQuotaBackThroughTheRealCounters() throws IOException {
        StringBuilder transcript = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            transcript.append(exportCall(i, at(i * 1000L), "g", "")).append('\n');
            transcript.append(response(i, i == 4)).append('\n');
        }
        transcript.append(exportCall(10, at(10_000), "g", "")).append('\n');
        transcript.append(exportCall(11, at(11_000), "g", "\"expect\":\"deny\",\"expect_rule\":\"start_fhir_export_job_rate\"")).append('\n');
        TranscriptResult result = replayEngine.replay(TranscriptSource.ofString("t.jsonl", transcript.toString()), load("fixed", "interpreted"), ReplayListener.NONE);
        assertThat(result.mismatches()).isEmpty();
        assertThat(result.counts().released()).isEqualTo(1);
    }

    @Test
    void everyKindOfDecisionAndItsCoverage() throws IOException {
        String transcript = String.join("\n",
                "{\"ts\":0,\"tool\":\"delete_fhir_resource\",\"expect\":\"deny\",\"expect_rule\":\"tools.delete_fhir_resource\"}",
                "{\"ts\":1,\"tool\":\"start_fhir_import_job\",\"expect\":\"require_approval\",\"expect_reason\":\"clinical data\"}",
                "{\"ts\":2,\"tool\":\"start_fhir_export_job\",\"arguments\":{\"output_data_config\":{\"s3_configuration\":"
                        + "{\"s3_uri\":\"s3://public/\"}}},\"expect\":\"deny\",\"expect_rule\":\"tools.start_fhir_export_job.require[0]\"}",
                "{\"ts\":3,\"tool\":\"drop_database\",\"expect\":\"deny\",\"expect_rule\":\"default\"}",
                "{\"ts\":4,\"tool\":\"list_datastores\",\"expect_rule\":\"tools.list_datastores\"}",
                "");
        RunResult run = replayEngine.run(List.of(TranscriptSource.ofString("kinds.jsonl", transcript)),
                PolicySelector.always(load("fixed", "interpreted")), ReplayListener.NONE);
        assertThat(run.transcripts().get(0).mismatches()).isEmpty();
        CoverageReport coverage = run.coverage().get(0);
        assertThat(coverage.modelKnown()).isTrue();
        assertThat(coverage.neverHit()).extracting(CoverageItem::id)
                .containsExactly("tools.start_fhir_export_job", "tools.list_fhir_jobs", "start_fhir_export_job_rate");
        assertThat(coverage.summary()).isEqualTo("fhir-export: 5 of 8 rules, conditions and limits exercised (62.5%); never hit: "
                + "tools.start_fhir_export_job, tools.list_fhir_jobs, start_fhir_export_job_rate");
        assertThat(run.coverageShortfall(80)).hasValueSatisfying(message -> assertThat(message)
                .startsWith("coverage 62.5% of rules, conditions and limits exercised is below the threshold of 80.0%"));
        assertThat(run.coverageShortfall(60)).isEmpty();
    }

    @Test
    void anInvalidPolicyIsReportedWithItsPosition() {
        PolicyLoadResult loaded = PolicyLoader.standard().load("broken.json",
                "{\"version\": \"1\", \"tools\": {\"x\": {\"limits\": [{\"counter\": \"c\", \"window\": \"minute\", \"max\": 0}]}}}".getBytes());
        assertThat(loaded.hasErrors()).isTrue();
        assertThat(loaded.policy()).isEmpty();
        assertThat(loaded.diagnostics()).filteredOn(Diagnostic::isError).first().asString().startsWith("broken.json:1:");
    }

    @Test
    void bothEnginesDecideEveryCallAlike() throws IOException {
        StringBuilder transcript = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            String grant = i % 3 == 0 ? "other" : "ci-runner";
            transcript.append(exportCall(i, at(i * 1500L), grant, "")).append('\n');
            transcript.append(response(i, i % 7 == 0)).append('\n');
        }
        transcript.append("{\"ts\":\"").append(at(50_000)).append("\",\"tool\":\"delete_fhir_resource\"}\n");
        transcript.append("{\"ts\":\"").append(at(50_001)).append("\",\"tool\":\"start_fhir_import_job\"}\n");
        transcript.append("{\"ts\":\"").append(at(50_002)).append("\",\"tool\":\"unknown_tool\"}\n");
        Map<String, String> decisions = new java.util.LinkedHashMap<>();
        for (String engine : List.of("interpreted", "compiled")) {
            java.io.StringWriter out = new java.io.StringWriter();
            replayEngine.replay(TranscriptSource.ofString("t.jsonl", transcript.toString()), load("sliding", engine),
                    new dev.portcullis.testkit.report.DecisionLinesReporter(out));
            decisions.put(engine, out.toString());
        }
        assertThat(decisions.get("compiled")).isEqualTo(decisions.get("interpreted")).contains("\"effect\":\"deny\",\"line\":");
    }

    static FilePolicy load(String algorithm, String engine) throws IOException {
        byte[] policy;
        try (InputStream in = FhirExportEndToEndTest.class.getResourceAsStream("/e2e/fhir-export.json")) {
            policy = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("\"algorithm\": \"fixed\"", "\"algorithm\": \"" + algorithm + "\"").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        PolicyLoader loader = PolicyLoader.standard();
        if (engine.equals("compiled")) {
            loader = loader.withEvaluator(PolicyEvaluator.bytecode(new BytecodeCompiler()));
        }
        PolicyLoadResult loaded = loader.load("fhir-export.json", policy);
        assertThat(loaded.diagnostics()).isEmpty();
        return loaded.policy().orElseThrow();
    }
}
