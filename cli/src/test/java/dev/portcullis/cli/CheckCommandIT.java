package dev.portcullis.cli;

import static dev.portcullis.cli.Portcullis.run;
import static dev.portcullis.cli.Portcullis.runIn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.cli.Portcullis.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code portcullis check}, run as a process. */
class CheckCommandIT {

    private static final String DIAGNOSTIC = "^[^:]+(:\\d+(:\\d+)?)?: (error|warning) PC\\d{3}: .+$";

    @Test
    void acceptsValidPoliciesInEveryFormatAndDirectories() {
        Result result = run("check", "policies/exports.json", "policies/issues.yaml", "policies/files.policy")
                .exitsWith(ExitCode.OK);
        assertThat(result.stdout()).isEqualTo("3 policy files checked: 3 valid, 0 invalid (0 errors, 0 warnings)\n");
        assertThat(result.stderr()).isEmpty();

        assertThat(run("check", "policies").exitsWith(ExitCode.OK).stdout()).startsWith("3 policy files checked");
    }

    @Test
    void printsEachSchemaErrorAtItsPositionAndExitsWith3() {
        Result result = run("check", "broken/invalid-schema.json").exitsWith(ExitCode.INVALID_POLICY).hasOneLineProblems();
        assertThat(result.stderrLines()).containsExactly(
                "broken/invalid-schema.json:3:3: error PC017: default must be one of \"allow\", \"deny\", found \"maybe\"",
                "broken/invalid-schema.json:5:23: error PC015: unknown field 'deny_iff' in tools.read_resource (did you"
                        + " mean 'deny_if'?)");
        assertThat(result.stdout()).isEqualTo("1 policy file checked: 0 valid, 1 invalid (2 errors, 0 warnings)\n");
    }

    @Test
    void reportsDslSyntaxErrorsWithFileLineAndColumn() {
        Result result = run("check", "policies/files.policy", "broken/invalid-syntax.policy")
                .exitsWith(ExitCode.INVALID_POLICY).hasOneLineProblems();
        assertThat(result.stderrLines()).singleElement().asString()
                .matches(DIAGNOSTIC)
                .startsWith("broken/invalid-syntax.policy:2:18: error PC100: ")
                .contains("did you mean 'allow'?");
    }

    @Test
    void warningsPassUnlessTheyAreToFail() {
        Result lenient = run("check", "broken/warnings.json").exitsWith(ExitCode.OK).hasOneLineProblems();
        assertThat(lenient.stderrLines()).singleElement().asString()
                .matches(DIAGNOSTIC).contains("warning PC066: counter 'unused'");

        run("check", "--fail-on-warning", "broken/warnings.json").exitsWith(ExitCode.INVALID_POLICY);
    }

    @Test
    void checksToolNamesAgainstAToolsList() {
        Result result = run("check", "--tools-list", "tools-list.json", "policies/exports.json").exitsWith(ExitCode.OK);
        assertThat(result.stderrLines()).singleElement().asString()
                .matches(DIAGNOSTIC).contains("warning PC058").contains("delete_resource");

        run("check", "--tools-list", "missing-tools.json", "policies/exports.json").exitsWith(ExitCode.USAGE)
                .hasOneLineProblems();
    }

    @Test
    void writesOneJsonObjectWithSortedKeysForTools() {
        Result result = run("check", "--format", "json", "policies/exports.json", "broken/invalid-schema.json")
                .exitsWith(ExitCode.INVALID_POLICY);
        assertThat(result.stderr()).isEmpty();
        assertThat(result.stdoutLines()).hasSize(1);
        JsonNode report = JsonMapper.shared().readTree(result.stdout());
        assertThat(report.propertyNames()).containsExactly("diagnostics", "errors", "policies", "valid", "warnings");
        assertThat(report.get("errors").intValue()).isEqualTo(2);
        assertThat(report.get("valid").booleanValue()).isFalse();
        JsonNode first = report.get("diagnostics").get(0);
        assertThat(first.propertyNames()).containsExactly("code", "column", "file", "line", "message", "severity");
        assertThat(first.get("code").stringValue()).isEqualTo("PC017");
        assertThat(first.get("line").intValue()).isEqualTo(3);
        assertThat(report.get("policies").get(0).get("name").stringValue()).isEqualTo("exports");
        assertThat(report.get("policies").get(1).get("valid").booleanValue()).isFalse();
    }

    @Test
    void aMissingFileOrUnknownFormatIsAnInputError() {
        Result missing = run("check", "policies/nope.json").exitsWith(ExitCode.USAGE).hasOneLineProblems();
        assertThat(missing.stderrLines()).containsExactly(
                "portcullis check: error: no such policy file or directory: policies/nope.json");

        Result unknown = run("check", "broken/policy.txt").exitsWith(ExitCode.USAGE).hasOneLineProblems();
        assertThat(unknown.stderrLines()).singleElement().asString().contains("error PC004: unknown policy format 'txt'");
    }

    @Test
    void includesStayInsideTheWorkingDirectory(@TempDir Path checkout, @TempDir Path elsewhere) throws IOException {
        Files.createDirectories(checkout.resolve("policies"));
        Files.createDirectories(checkout.resolve("policy-parts"));
        Files.writeString(checkout.resolve("policy-parts/limits.policy"), "counter exports = 10 per minute\n");
        Files.writeString(checkout.resolve("policies/main.policy"),
                "include \"../policy-parts/limits.policy\"\ntool start_fhir_export_job { limit exports }\n");
        Path outside = Files.writeString(elsewhere.resolve("outside.policy"), "tool leaked {}\n");
        Files.writeString(checkout.resolve("policies/escape.policy"), "include \"" + outside + "\"\n");

        runIn(checkout, null, "check", "policies/main.policy").exitsWith(ExitCode.OK);
        Result escape = runIn(checkout, null, "check", "policies/escape.policy")
                .exitsWith(ExitCode.INVALID_POLICY).hasOneLineProblems();
        assertThat(escape.stderrLines()).containsExactly("policies/escape.policy:1:1: error PC111: cannot include \""
                + outside + "\": it is outside the include root " + checkout.toRealPath());
    }

    @Test
    void aPolicyOutsideTheWorkingDirectoryIncludesFromItsOwnFolder(@TempDir Path workingDirectory, @TempDir Path elsewhere)
            throws IOException {
        Files.writeString(elsewhere.resolve("shared.policy"), "tool read_file {}\n");
        Path main = Files.writeString(elsewhere.resolve("main.policy"), "include \"shared.policy\"\n");

        runIn(workingDirectory, null, "check", main.toString()).exitsWith(ExitCode.OK);
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertThat(run("check").exitsWith(ExitCode.USAGE).hasOneLineProblems().stderrLines()).containsExactly(
                "portcullis check: error: Missing required parameter: 'POLICY' (see 'portcullis check --help')");
        assertThat(run("check", "--format", "xml", "policies").exitsWith(ExitCode.USAGE).hasOneLineProblems()
                .stderr()).contains("expected text or json, got 'xml'");
    }
}
