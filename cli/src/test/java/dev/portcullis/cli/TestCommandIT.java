package dev.portcullis.cli;

import static dev.portcullis.cli.Portcullis.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.cli.Portcullis.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code portcullis test}, run as a process. */
class TestCommandIT {

    @Test
    void passesWhenEveryExpectationHolds() {
        Result result = run("test", "--policy", "policies/exports.json", "transcripts/passes.jsonl")
                .exitsWith(ExitCode.OK);
        assertThat(result.stdoutLines()).first().asString()
                .isEqualTo("Transcripts run: 1, Failures: 0, Errors: 0 (8 calls: 4 allowed, 3 denied, 1 held for approval)");
        assertThat(result.stdout()).contains("Coverage: exports: ");
        assertThat(result.stderr()).isEmpty();
    }

    @Test
    void failsWithExitCode4NamingTheLineThatDidNotHold() {
        Result result = run("test", "-p", "policies/exports.json", "transcripts")
                .exitsWith(ExitCode.TEST_FAILED).hasOneLineProblems();
        assertThat(result.stdout()).contains("Transcripts run: 2, Failures: 1, Errors: 0",
                "fails.jsonl:5 start_export expected ALLOW but was DENY: limit start_export_rate: 3 per minute per grant"
                        + " reached (3/3)");
        assertThat(result.stderrLines()).containsExactly(
                "portcullis test: error: 1 of 2 transcripts failed (see Failures above)");
    }

    @Test
    void bothEnginesGiveTheSameVerdicts() {
        for (String engine : new String[] {"compiled", "interpreted"}) {
            assertThat(run("test", "--engine", engine, "-p", "policies/issues.yaml", "issues-transcript.jsonl")
                    .exitsWith(ExitCode.OK).stdout())
                    .startsWith("Transcripts run: 1, Failures: 0, Errors: 0 (4 calls: 2 allowed, 2 denied");
        }
    }

    @Test
    void aBrokenTranscriptCannotBeReplayedAndExitsWith2() {
        Result result = run("test", "-p", "policies/exports.json", "transcripts/passes.jsonl", "broken/broken.jsonl")
                .exitsWith(ExitCode.USAGE).hasOneLineProblems();
        assertThat(result.stdout()).contains("Errors:", "broken/broken.jsonl:2:86: error PC301: malformed JSON");
        assertThat(result.stderrLines()).containsExactly("portcullis test: error: 1 of 2 transcripts could not be"
                + " replayed as written (see Errors above)");
    }

    @Test
    void choosesEachTranscriptsPolicyByItsHeaderAmongSeveral() {
        Result result = run("test", "-p", "policies", "transcripts/passes.jsonl", "issues-transcript.jsonl")
                .exitsWith(ExitCode.USAGE);
        assertThat(result.stdout()).contains("Transcripts run: 2, Failures: 0, Errors: 1",
                "issues-transcript.jsonl: error PC317: no policy for this transcript: there are several policies"
                        + " (exports, files, issues)");
    }

    @Test
    void writesTheJUnitXmlJsonAndHtmlReports(@TempDir Path reports) throws IOException {
        Path target = reports.resolve("nested/reports");
        run("test", "-p", "policies/exports.json", "--report-dir", target.toString(), "transcripts")
                .exitsWith(ExitCode.TEST_FAILED);
        try (Stream<Path> files = Files.list(target)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .contains("portcullis-report.json", "portcullis-report.html")
                    .anyMatch(name -> name.startsWith("TEST-") && name.endsWith(".xml"));
        }
        JsonNode json = JsonMapper.shared().readTree(target.resolve("portcullis-report.json").toFile());
        assertThat(json.toString()).contains("fails.jsonl");
    }

    @Test
    void enforcesTheCoverageThreshold() {
        Result below = run("test", "-p", "policies/exports.json", "--coverage-threshold", "100", "transcripts/passes.jsonl")
                .exitsWith(ExitCode.TEST_FAILED).hasOneLineProblems();
        assertThat(below.stderrLines()).singleElement().asString()
                .startsWith("portcullis test: error: coverage 85.7% of rules, conditions and limits exercised is below"
                        + " the threshold of 100.0%");
        run("test", "-p", "policies/exports.json", "--coverage-threshold", "80", "transcripts/passes.jsonl")
                .exitsWith(ExitCode.OK);
        run("test", "-p", "policies/exports.json", "--coverage-threshold", "150", "transcripts/passes.jsonl")
                .exitsWith(ExitCode.USAGE).hasOneLineProblems();
    }

    @Test
    void anInvalidPolicyExitsWith3BeforeReplaying() {
        Result result = run("test", "-p", "broken/invalid-schema.json", "transcripts").exitsWith(ExitCode.INVALID_POLICY)
                .hasOneLineProblems();
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderrLines()).last().asString()
                .isEqualTo("portcullis test: error: broken/invalid-schema.json is invalid (2 errors)");
    }

    @Test
    void missingInputsAndArgumentsAreUsageErrors() {
        assertThat(run("test", "-p", "policies/exports.json", "nowhere").exitsWith(ExitCode.USAGE).hasOneLineProblems()
                .stderrLines()).containsExactly("portcullis test: error: no such transcript file or directory: nowhere");
        assertThat(run("test", "transcripts").exitsWith(ExitCode.USAGE).hasOneLineProblems().stderr())
                .contains("Missing required option: '--policy=POLICY'");
        run("test", "-p", "policies/exports.json", "--coverage-threshold", "lots", "transcripts")
                .exitsWith(ExitCode.USAGE).hasOneLineProblems();
    }
}
