package dev.portcullis.cli;

import static dev.portcullis.cli.Portcullis.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.cli.Portcullis.Result;
import org.junit.jupiter.api.Test;

/** {@code portcullis explain}, run as a process. */
class ExplainCommandIT {

    @Test
    void showsEveryStepOfADenial() {
        Result result = run("explain", "--policy", "policies/exports.json", "--tool", "start_export",
                "--args", "{\"s3_uri\": \"s3://public/x\"}", "--at", "2026-11-26T10:00:00Z", "--grant", "ci")
                .exitsWith(ExitCode.OK);
        assertThat(result.stderr()).isEmpty();
        assertThat(result.stdout()).isEqualTo("""
                policy exports, call "start_export" at 2026-11-26T10:00:00Z (grant "ci")
                arguments: {"s3_uri":"s3://public/x"}
                1. hidden: no
                2. entry: tools.start_export (policies/exports.json:7:5), the tool's own entry
                3. entry actions: tools.start_export (policies/exports.json:7:5): allow
                4. deny checks (in order; the first that fails denies):
                   tools.start_export.require[0] (policies/exports.json:9:9) require: does not hold -> DENY
                     args.s3_uri starts_with "s3://phi-exports/": actual "s3://public/x" -> false
                decision: DENY by tools.start_export.require[0]: Denied by rule "tools.start_export.require[0]": requires args.s3_uri starts_with "s3://phi-exports/"
                """);
    }

    @Test
    void countsWhatATranscriptLeftInTheCounters() {
        Result result = run("explain", "-p", "policies/exports.json", "--after", "transcripts/passes.jsonl",
                "--grant", "ci", "-t", "start_export", "--args", "@call-arguments.json").exitsWith(ExitCode.OK);
        assertThat(result.stdout()).contains("at 2026-11-26T10:00:07Z (grant \"ci\")",
                "6. limits (all or nothing): start_export_rate (policies/exports.json:12:9): 3 per minute per grant,"
                        + " key \"ci\", count 3/3, this call needs 1 -> no room -> DENY (retry after 53000 ms)",
                "decision: DENY by start_export_rate: limit start_export_rate: 3 per minute per grant reached (3/3);"
                        + " retry after 53 s");

        assertThat(run("explain", "-p", "policies/exports.json", "--after", "transcripts/passes.jsonl", "--grant",
                "other", "-t", "start_export", "--args", "@call-arguments.json").stdout())
                .contains("key \"other\", count 0/3, this call needs 1 -> fits, counted");
    }

    @Test
    void explainsIntercepRulesAndTheDsl() {
        assertThat(run("explain", "-p", "policies/issues.yaml", "-t", "delete_repository", "--at", "0")
                .exitsWith(ExitCode.OK).stdout()).contains(
                "block repo deletion (policies/issues.yaml:", ") deny rule: denies every call -> DENY",
                "decision: DENY by block repo deletion: Repository deletion is not permitted via AI agents");
        assertThat(run("explain", "-p", "policies/files.policy", "-t", "read_file", "--args", "{\"path\": \"/etc/passwd\"}",
                "--at", "0").exitsWith(ExitCode.OK).stdout()).contains(
                "tools.read_file.require[0] (policies/files.policy:4:", "args.path starts_with \"/srv/\": actual"
                        + " \"/etc/passwd\" -> false");
    }

    @Test
    void rejectsArgumentsThatAreNotAJsonObject() {
        assertThat(run("explain", "-p", "policies/exports.json", "-t", "x", "--args", "{\"a\": ").exitsWith(ExitCode.USAGE)
                .hasOneLineProblems().stderrLines()).singleElement().asString()
                .startsWith("portcullis explain: error: --args is not valid JSON: ");
        assertThat(run("explain", "-p", "policies/exports.json", "-t", "x", "--args", "[1, 2]").exitsWith(ExitCode.USAGE)
                .hasOneLineProblems().stderr()).contains("--args must be a JSON object");
        assertThat(run("explain", "-p", "policies/exports.json", "-t", "x", "--args", "{} {}").exitsWith(ExitCode.USAGE)
                .hasOneLineProblems().stderr()).contains("--args is not valid JSON");
        run("explain", "-p", "policies/exports.json", "-t", "x", "--args", "@missing.json").exitsWith(ExitCode.USAGE)
                .hasOneLineProblems();
    }

    @Test
    void rejectsBadTimesHistoriesAndMissingOptions() {
        assertThat(run("explain", "-p", "policies/exports.json", "-t", "x", "--at", "yesterday").exitsWith(ExitCode.USAGE)
                .hasOneLineProblems().stderr()).contains("--at must be an RFC 3339 date-time");
        run("explain", "-p", "policies/exports.json", "-t", "x", "--after", "broken/broken.jsonl")
                .exitsWith(ExitCode.USAGE).hasOneLineProblems();
        assertThat(run("explain", "-p", "policies/exports.json").exitsWith(ExitCode.USAGE).hasOneLineProblems().stderr())
                .contains("Missing required option: '--tool=NAME'");
        run("explain", "-p", "broken/invalid-schema.json", "-t", "x").exitsWith(ExitCode.INVALID_POLICY).hasOneLineProblems();
    }
}
