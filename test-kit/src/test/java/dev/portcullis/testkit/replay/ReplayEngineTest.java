package dev.portcullis.testkit.replay;

import static dev.portcullis.testkit.fixture.Transcripts.at;
import static dev.portcullis.testkit.fixture.Transcripts.exportCall;
import static dev.portcullis.testkit.fixture.Transcripts.response;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import dev.portcullis.runtime.CompiledPolicy;
import dev.portcullis.runtime.Decision;
import dev.portcullis.runtime.Effect;
import dev.portcullis.runtime.Reservation;
import dev.portcullis.runtime.ToolCall;
import dev.portcullis.testkit.fixture.FhirExportFixturePolicy;
import dev.portcullis.testkit.transcript.TranscriptSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReplayEngineTest {

    private final ReplayEngine engine = new ReplayEngine(ReplayOptions.DEFAULT, message -> { });

    /** Eleven exports in one minute: the eleventh is denied by the counter, and the next minute has room again. */
    @ParameterizedTest(name = "sliding={0}")
    @ValueSource(booleans = {false, true})
    void theEleventhExportInAMinuteIsDenied(boolean sliding) {
        StringBuilder transcript = new StringBuilder("{\"transcript\":{\"name\":\"runaway agent\"}}\n");
        for (int i = 0; i < 11; i++) {
            transcript.append(exportCall(i, at(i * 1000L), "ci-runner", "")).append('\n');
        }
        Recorder recorder = new Recorder();
        TranscriptResult result = engine.replay(TranscriptSource.ofString("runaway-agent.jsonl", transcript.toString()),
                FhirExportFixturePolicy.underTest("fhir-export", sliding), recorder);

        assertThat(result.status()).isEqualTo(TranscriptStatus.FAILED);
        assertThat(result.counts().calls()).isEqualTo(11);
        assertThat(result.counts().allowed()).isEqualTo(10);
        assertThat(result.mismatchCount()).isEqualTo(1);
        Mismatch mismatch = result.mismatches().get(0);
        assertThat(mismatch.line()).isEqualTo(12);
        assertThat(mismatch.actual().rateLimit().retryAfterMillis()).isEqualTo(sliding ? 50_000 : 50_000);
        assertThat(mismatch.toString()).isEqualTo("runaway-agent.jsonl:12 start_fhir_export_job expected ALLOW but was DENY: "
                + "limit start_fhir_export_job_rate: 10 per minute per grant reached (10 of 10 per minute used, retry after 50 s)");
        assertThat(recorder.outcomes).hasSize(11);
        assertThat(recorder.outcomes.get(10).decision().ruleId()).isEqualTo(FhirExportFixturePolicy.COUNTER);
    }

    @ParameterizedTest(name = "sliding={0}")
    @ValueSource(booleans = {false, true})
    void deniedCallsMarkedAsExpectedPassAndTheNextMinuteHasRoomAgain(boolean sliding) {
        StringBuilder transcript = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            transcript.append(exportCall(i, at(i * 1000L), "ci-runner", "")).append('\n');
        }
        transcript.append(exportCall(10, at(10_000), "ci-runner",
                "\"expect\":\"deny\",\"expect_rule\":\"start_fhir_export_job_rate\",\"expect_reason\":\"10 per minute\"")).append('\n');
        transcript.append(exportCall(11, at(10_500), "another-grant", "")).append('\n');
        transcript.append(exportCall(12, at(61_000), "ci-runner", "")).append('\n');
        TranscriptResult result = engine.replay(TranscriptSource.ofString("t.jsonl", transcript.toString()),
                FhirExportFixturePolicy.underTest("fhir-export", sliding), ReplayListener.NONE);
        assertThat(result.mismatches()).isEmpty();
        assertThat(result.status()).isEqualTo(TranscriptStatus.PASSED);
        assertThat(result.counts().denied()).isEqualTo(1);
    }

    @Test
    void everyKindOfExpectationIsChecked() {
        String transcript = String.join("\n",
                "{\"ts\":0,\"tool\":\"delete_fhir_resource\",\"expect\":\"deny\",\"expect_rule\":\"no_deletes\",\"expect_reason\":\"^deleting\"}",
                "{\"ts\":1,\"tool\":\"delete_fhir_resource\",\"expect\":\"deny\",\"expect_rule\":\"other_rule\"}",
                "{\"ts\":2,\"tool\":\"delete_fhir_resource\",\"expect\":\"deny\",\"expect_reason\":\"budget\"}",
                "{\"ts\":3,\"tool\":\"patient_everything\",\"expect\":\"require_approval\"}",
                "{\"ts\":4,\"tool\":\"patient_everything\"}",
                "{\"ts\":5,\"tool\":\"list_datastores\",\"expect\":\"deny\"}",
                "{\"ts\":6,\"tool\":\"list_datastores\",\"expect\":\"allow\",\"expect_rule\":\"default\"}",
                "{\"ts\":7,\"tool\":\"delete_fhir_resource\",\"expect\":\"deny\",\"expect_rule\":\"x\",\"expect_reason\":\"y\"}",
                "");
        TranscriptResult result = engine.replay(TranscriptSource.ofString("kinds.jsonl", transcript),
                FhirExportFixturePolicy.underTest("p", false), ReplayListener.NONE);
        assertThat(result.mismatches()).extracting(Mismatch::line).containsExactly(2, 3, 5, 6, 8);
        assertThat(result.mismatches()).extracting(Mismatch::message).containsExactly(
                "expected rule other_rule but was no_deletes (DENY: deleting FHIR resources is not allowed (rule no_deletes))",
                "expected a reason matching /budget/ but was \"deleting FHIR resources is not allowed\"",
                "expected ALLOW but was REQUIRE_APPROVAL: reading a patient's whole record needs approval (rule phi_bulk_read)",
                "expected DENY but was ALLOW: allowed by default",
                "expected rule x but was no_deletes (DENY: deleting FHIR resources is not allowed (rule no_deletes));"
                        + " expected a reason matching /y/ but was \"deleting FHIR resources is not allowed\"");
        assertThat(result.counts().approvalRequired()).isEqualTo(2);
    }

    @Test
    void aFailedUpstreamCallReleasesItsReservation() {
        StringBuilder transcript = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            transcript.append(exportCall(i, at(i * 1000L), "g", "")).append('\n');
            // the 4th call's upstream failed with a JSON-RPC error, the 6th with isError: neither counts
            transcript.append(response(i, i == 3 || i == 5)).append('\n');
        }
        transcript.append("{\"ts\":\"").append(at(10_000)).append("\",\"message\":{\"id\":99,\"error\":{\"code\":-1,\"message\":\"x\"}}}\n");
        transcript.append(exportCall(10, at(10_000), "g", "")).append('\n');
        transcript.append(exportCall(11, at(11_000), "g", "")).append('\n');
        transcript.append(exportCall(12, at(12_000), "g", "\"expect\":\"deny\"")).append('\n');
        TranscriptResult result = engine.replay(TranscriptSource.ofString("released.jsonl", transcript.toString()),
                FhirExportFixturePolicy.underTest("p", false), ReplayListener.NONE);
        assertThat(result.mismatches()).isEmpty();
        assertThat(result.counts().released()).isEqualTo(2);
        assertThat(result.counts().responses()).isEqualTo(11);
        assertThat(result.counts().unanswered()).isEqualTo(2);
    }

    @Test
    void aRequestWithoutResponseStaysCounted() {
        StringBuilder transcript = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            transcript.append(exportCall(i, at(i * 1000L), "g", "")).append('\n');
        }
        transcript.append(exportCall(10, at(10_000), "g", "\"expect\":\"deny\"")).append('\n');
        // answered only after the limit denied call 10: releasing 0 now frees one slot
        transcript.append(response(0, true)).append('\n');
        transcript.append(exportCall(11, at(11_000), "g", "")).append('\n');
        TranscriptResult result = engine.replay(TranscriptSource.ofString("late.jsonl", transcript.toString()),
                FhirExportFixturePolicy.underTest("p", false), ReplayListener.NONE);
        assertThat(result.mismatches()).isEmpty();
        assertThat(result.counts().unanswered()).isEqualTo(10);
    }

    @Test
    void pastThePendingMaximumTheOldestRequestIsCommitted() {
        ReplayEngine small = new ReplayEngine(ReplayOptions.DEFAULT.withMaxPendingResponses(2), message -> { });
        StringBuilder transcript = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            transcript.append(exportCall(i, at(i * 1000L), "g", "")).append('\n');
        }
        // request 0 was evicted (committed) when request 2 arrived: its failure response can no longer release it
        transcript.append(response(0, true)).append('\n');
        transcript.append(response(9, true)).append('\n');
        transcript.append(exportCall(10, at(10_000), "g", "")).append('\n');
        transcript.append(exportCall(11, at(11_000), "g", "\"expect\":\"deny\"")).append('\n');
        TranscriptResult result = small.replay(TranscriptSource.ofString("evicted.jsonl", transcript.toString()),
                FhirExportFixturePolicy.underTest("p", false), ReplayListener.NONE);
        assertThat(result.mismatches()).isEmpty();
        assertThat(result.counts().evicted()).isEqualTo(8);
        assertThat(result.counts().released()).isEqualTo(1);
    }

    @Test
    void smallStepsBackInTimeAreReplayedAtTheLatestTimeAndLargeOnesAreErrors() {
        String transcript = String.join("\n",
                "{\"ts\":\"2026-11-26T10:10:00Z\",\"tool\":\"list_datastores\"}",
                "{\"ts\":\"2026-11-26T10:06:00Z\",\"tool\":\"list_datastores\"}",
                "{\"ts\":\"2026-11-26T10:04:59Z\",\"tool\":\"list_datastores\"}",
                "{\"ts\":\"2026-11-26T10:11:00Z\",\"tool\":\"list_datastores\"}", "");
        Recorder recorder = new Recorder();
        TranscriptResult result = engine.replay(TranscriptSource.ofString("clock.jsonl", transcript),
                FhirExportFixturePolicy.underTest("p", false), recorder);
        assertThat(recorder.outcomes).extracting(CallOutcome::line).containsExactly(1, 2, 4);
        assertThat(recorder.outcomes.get(1).call().timeMillis()).isEqualTo(recorder.outcomes.get(0).call().timeMillis());
        assertThat(result.status()).isEqualTo(TranscriptStatus.ERROR);
        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.code()).isEqualTo(DiagnosticCode.TRANSCRIPT_TIME_WENT_BACKWARDS);
            assertThat(error.toString()).isEqualTo("clock.jsonl:3: error PC306: 'ts' 2026-11-26T10:04:59Z is 5 min 1 s before"
                    + " 2026-11-26T10:10:00Z, an earlier line's time; at most 5 min backwards is tolerated");
        });
    }

    @Test
    void aBrokenLineFailsItsTranscriptButNotTheRun() {
        List<TranscriptSource> sources = List.of(
                TranscriptSource.ofString("a-good.jsonl", "{\"ts\":0,\"tool\":\"list_datastores\"}\n"),
                TranscriptSource.ofString("b-broken.jsonl", "{\"ts\":0,\"tool\":\"list_datastores\"}\n{nope\n{\"ts\":1,\"tool\":\"x\",\"expect\":\"deny\"}\n"),
                TranscriptSource.ofString("c-good.jsonl", "{\"ts\":0,\"tool\":\"list_datastores\"}\n"));
        RunResult run = engine.run(sources, PolicySelector.always(FhirExportFixturePolicy.underTest("p", false)), ReplayListener.NONE);
        assertThat(run.transcripts()).extracting(TranscriptResult::status)
                .containsExactly(TranscriptStatus.PASSED, TranscriptStatus.ERROR, TranscriptStatus.PASSED);
        TranscriptResult broken = run.transcripts().get(1);
        assertThat(broken.errors()).singleElement().satisfies(error -> assertThat(error.toString()).startsWith("b-broken.jsonl:2:"));
        // the lines after the broken one are still replayed, so their mismatches are reported too
        assertThat(broken.mismatches()).extracting(Mismatch::line).containsExactly(3);
        assertThat(run.summary()).isEqualTo("Transcripts run: 3, Failures: 0, Errors: 1");
        assertThat(run.successful()).isFalse();
    }

    @Test
    void anUnreadableFileIsAnErrorOfItsTranscript() {
        TranscriptSource missing = TranscriptSource.ofFile(java.nio.file.Path.of("does/not/exist.jsonl"));
        RunResult run = engine.run(List.of(missing), PolicySelector.always(FhirExportFixturePolicy.underTest("p", false)),
                ReplayListener.NONE);
        assertThat(run.transcripts().get(0).errors()).singleElement().satisfies(error -> {
            assertThat(error.code()).isEqualTo(DiagnosticCode.TRANSCRIPT_UNREADABLE);
            assertThat(error.toString()).isEqualTo("does/not/exist.jsonl: error PC300: cannot read transcript: "
                    + java.nio.file.Path.of("does/not/exist.jsonl") + ": no such file");
        });
    }

    @Test
    void aReadFailureMidwayIsReportedAtItsLine() {
        TranscriptSource failing = TranscriptSource.of("flaky.jsonl", () -> new java.io.SequenceInputStream(
                new java.io.ByteArrayInputStream("{\"ts\":0,\"tool\":\"a\"}\n{\"ts\":1,\"tool\":\"b\"}\n".getBytes()),
                new java.io.InputStream() {
                    @Override
                    public int read() throws java.io.IOException {
                        throw new java.io.IOException("connection reset");
                    }
                }));
        TranscriptResult result = engine.replay(failing, FhirExportFixturePolicy.underTest("p", false), ReplayListener.NONE);
        assertThat(result.counts().calls()).isEqualTo(2);
        assertThat(result.errors()).singleElement().satisfies(error ->
                assertThat(error.toString()).isEqualTo("flaky.jsonl:2: error PC300: cannot read transcript: connection reset"));
    }

    @Test
    void eachTranscriptGetsAFreshPolicySoOrderDoesNotMatter() {
        AtomicInteger instances = new AtomicInteger();
        PolicyUnderTest counting = PolicyUnderTest.of("p", () -> {
            instances.incrementAndGet();
            return new FhirExportFixturePolicy(false);
        });
        StringBuilder tenCalls = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            tenCalls.append(exportCall(i, at(i * 1000L), "g", "")).append('\n');
        }
        TranscriptSource first = TranscriptSource.ofString("first.jsonl", tenCalls.toString());
        TranscriptSource second = TranscriptSource.ofString("second.jsonl", tenCalls.toString());
        RunResult forwards = engine.run(List.of(first, second), PolicySelector.always(counting), ReplayListener.NONE);
        RunResult backwards = engine.run(List.of(second, first), PolicySelector.always(counting), ReplayListener.NONE);
        assertThat(forwards.successful()).isTrue();
        assertThat(backwards.successful()).isTrue();
        assertThat(instances).hasValue(4);
    }

    @Test
    void aPolicyThatThrowsDeniesTheCallFailingClosed() {
        CompiledPolicy throwing = new CompiledPolicy() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public boolean isHidden(String tool) {
                return false;
            }

            @Override
            public Reservation reserve(ToolCall call) {
                throw new IllegalStateException("bug");
            }
        };
        TranscriptResult result = engine.replay(TranscriptSource.ofString("t.jsonl", "{\"ts\":0,\"tool\":\"x\"}\n"),
                PolicyUnderTest.of("broken", () -> throwing), ReplayListener.NONE);
        assertThat(result.mismatches()).singleElement().satisfies(mismatch -> {
            assertThat(mismatch.actual().effect()).isEqualTo(Effect.DENY);
            assertThat(mismatch.actual().ruleId()).isEqualTo(Decision.evaluationFailed(new IllegalStateException()).ruleId());
        });
    }

    @Test
    void aPolicyThatCannotBeInstantiatedIsAnErrorOfTheTranscript() {
        TranscriptResult result = engine.run(List.of(TranscriptSource.ofString("t.jsonl", "{\"ts\":0,\"tool\":\"x\"}\n")),
                PolicySelector.always(PolicyUnderTest.of("p", () -> {
                    throw new IllegalStateException("no counters");
                })), ReplayListener.NONE).transcripts().get(0);
        assertThat(result.errors()).singleElement().satisfies(error ->
                assertThat(error.toString()).isEqualTo("t.jsonl: error PC318: policy 'p' could not be instantiated: no counters"));
    }

    @Test
    void aFailureIsDescribedByItsMessageOnlyNotItsClassOrTrace() {
        TranscriptResult result = engine.run(List.of(TranscriptSource.ofString("t.jsonl", "{\"ts\":0,\"tool\":\"x\"}\n")),
                PolicySelector.always(PolicyUnderTest.of("p", () -> {
                    throw new java.io.UncheckedIOException(new java.io.IOException("store offline\n\tat some.Store.open(Store.java:1)"));
                })), ReplayListener.NONE).transcripts().get(0);
        assertThat(result.errors()).singleElement().satisfies(error ->
                assertThat(error.toString()).isEqualTo("t.jsonl: error PC318: policy 'p' could not be instantiated: store offline"));
    }

    @Test
    void aListenerThatThrowsIsLoggedAndTheRunGoesOn() {
        List<String> warnings = new ArrayList<>();
        ReplayEngine logging = new ReplayEngine(ReplayOptions.DEFAULT, warnings::add);
        ReplayListener exploding = new ReplayListener() {
            @Override
            public void callDecided(CallOutcome outcome) {
                throw new IllegalStateException("disk full");
            }
        };
        RunResult run = logging.run(List.of(TranscriptSource.ofString("t.jsonl", "{\"ts\":0,\"tool\":\"x\"}\n{\"ts\":1,\"tool\":\"y\"}\n")),
                PolicySelector.always(FhirExportFixturePolicy.underTest("p", false)), exploding);
        assertThat(run.successful()).isTrue();
        assertThat(run.calls()).isEqualTo(2);
        assertThat(warnings).singleElement().asString().contains("failed in callDecided").contains("disk full");
    }

    @Test
    void mismatchesBeyondTheRecordedMaximumAreCountedNotKept() {
        ReplayEngine bounded = new ReplayEngine(ReplayOptions.DEFAULT.withMaxRecordedMismatches(3), message -> { });
        String transcript = "{\"ts\":0,\"tool\":\"delete_fhir_resource\"}\n".repeat(50);
        TranscriptResult result = bounded.replay(TranscriptSource.ofString("t.jsonl", transcript),
                FhirExportFixturePolicy.underTest("p", false), ReplayListener.NONE);
        assertThat(result.mismatches()).hasSize(3);
        assertThat(result.mismatchCount()).isEqualTo(50);
    }

    static final class Recorder implements ReplayListener {
        final List<CallOutcome> outcomes = new ArrayList<>();

        @Override
        public void callDecided(CallOutcome outcome) {
            outcomes.add(outcome);
        }
    }
}
