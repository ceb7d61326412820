package dev.portcullis.cli;

import static dev.portcullis.cli.Portcullis.run;
import static dev.portcullis.cli.Portcullis.runWithInput;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.cli.Portcullis.Result;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code portcullis decide}, run as a process. */
class DecideCommandIT {

    @Test
    void printsOneJsonObjectPerCallWithSortedKeysAndNothingElse() {
        Result result = run("decide", "--policy", "policies/exports.json", "transcripts/passes.jsonl").exitsWith(ExitCode.OK);
        assertThat(result.stderr()).isEmpty();
        List<JsonNode> decisions = new ArrayList<>();
        for (String line : result.stdoutLines()) {
            JsonNode decision = JsonMapper.shared().readTree(line);
            assertThat(List.copyOf(decision.propertyNames())).isSorted();
            decisions.add(decision);
        }
        assertThat(decisions).extracting(d -> d.get("effect").stringValue())
                .containsExactly("allow", "allow", "allow", "allow", "deny", "deny", "require_approval", "deny");
        assertThat(decisions).extracting(d -> d.get("line").intValue()).containsExactly(2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(result.stdoutLines().get(4)).isEqualTo("{\"count\":3,\"counter\":\"start_export_rate\",\"effect\":\"deny\","
                + "\"line\":6,\"max\":3,\"reason\":\"limit start_export_rate: 3 per minute per grant reached (3/3); retry"
                + " after 56 s\",\"retry_after_ms\":56000,\"rule\":\"start_export_rate\",\"tool\":\"start_export\","
                + "\"window_ms\":60000}");
    }

    @Test
    void theTwoEnginesPrintTheSameDecisions() {
        for (String[] input : new String[][] {{"policies/exports.json", "transcripts/passes.jsonl"},
                {"policies/issues.yaml", "issues-transcript.jsonl"}}) {
            String compiled = run("decide", "--engine", "compiled", "-p", input[0], input[1]).exitsWith(ExitCode.OK).stdout();
            String interpreted = run("decide", "--engine", "interpreted", "-p", input[0], input[1]).exitsWith(ExitCode.OK)
                    .stdout();
            assertThat(compiled).isNotEmpty().isEqualTo(interpreted);
        }
    }

    @Test
    void readsStandardInputWhenNoTranscriptOrADashIsGiven() {
        String transcript = Portcullis.readFixture("transcripts/passes.jsonl");
        String fromFile = run("decide", "-p", "policies/exports.json", "transcripts/passes.jsonl").stdout();
        assertThat(runWithInput(transcript, "decide", "-p", "policies/exports.json").exitsWith(ExitCode.OK).stdout())
                .isEqualTo(fromFile);
        assertThat(runWithInput(transcript, "decide", "-p", "policies/exports.json", "-").exitsWith(ExitCode.OK).stdout())
                .isEqualTo(fromFile);
    }

    @Test
    void decidesTheReadableLinesOfABrokenTranscriptAndExitsWith2() {
        Result result = run("decide", "-p", "policies/exports.json", "broken/broken.jsonl").exitsWith(ExitCode.USAGE)
                .hasOneLineProblems();
        assertThat(result.stdoutLines()).hasSize(2);
        assertThat(result.stderrLines()).hasSize(2);
        assertThat(result.stderrLines().get(0)).startsWith("broken/broken.jsonl:2:86: error PC301: malformed JSON: ");
        assertThat(result.stderrLines().get(1))
                .isEqualTo("portcullis decide: error: broken/broken.jsonl could not be replayed as written (1 error)");

        Result fromInput = runWithInput("{\"ts\": 1, \"tool\": 5}\n", "decide", "-p", "policies/exports.json")
                .exitsWith(ExitCode.USAGE).hasOneLineProblems();
        assertThat(fromInput.stdout()).isEmpty();
        assertThat(fromInput.stderrLines().get(0)).startsWith("<stdin>:1:");
    }

    @Test
    void badInputsAndArgumentsAreReportedInOneLine() {
        assertThat(run("decide", "-p", "policies/exports.json", "missing.jsonl").exitsWith(ExitCode.USAGE)
                .hasOneLineProblems().stderrLines()).containsExactly("portcullis decide: error: no such transcript file: missing.jsonl");
        assertThat(run("decide", "-p", "policies/exports.json", "--engine", "jit", "transcripts/passes.jsonl")
                .exitsWith(ExitCode.USAGE).hasOneLineProblems().stderrLines()).containsExactly(
                "portcullis decide: error: Invalid value for option '--engine': expected compiled or interpreted, got"
                        + " 'jit' (see 'portcullis decide --help')");
        assertThat(run("decide", "-p", "policies", "transcripts/passes.jsonl").exitsWith(ExitCode.USAGE)
                .hasOneLineProblems().stderr()).contains("is a directory; this command takes one policy file");
        run("decide", "-p", "broken/invalid-syntax.policy", "transcripts/passes.jsonl").exitsWith(ExitCode.INVALID_POLICY)
                .hasOneLineProblems();
        run("decide", "-p", "policies/exports.json", "a.jsonl", "b.jsonl").exitsWith(ExitCode.USAGE).hasOneLineProblems();
    }
}
