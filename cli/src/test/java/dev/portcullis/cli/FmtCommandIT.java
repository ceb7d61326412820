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
import tools.jackson.databind.json.JsonMapper;

/** {@code portcullis fmt}, run as a process. */
class FmtCommandIT {

    @Test
    void printsJsonAsDslAndTheDslBackAsTheSameCanonicalJson(@TempDir Path directory) throws IOException {
        Result dsl = run("fmt", "policies/exports.json").exitsWith(ExitCode.OK);
        assertThat(dsl.stderr()).isEmpty();
        assertThat(dsl.stdout()).startsWith("policy \"exports\"\n").contains("default deny\n",
                "tool start_export {\n  require args.s3_uri startsWith \"s3://phi-exports/\"\n"
                        + "  limit start_export_rate = 3 per minute per grant\n}",
                "tool delete_resource { deny \"agents may not delete clinical records\" }");

        Files.writeString(directory.resolve("exports.policy"), dsl.stdout());
        Result json = runIn(directory, null, "fmt", "exports.policy").exitsWith(ExitCode.OK);
        assertThat(JsonMapper.shared().readTree(json.stdout()))
                .isEqualTo(JsonMapper.shared().readTree(Portcullis.readFixture("policies/exports.json")));
        assertThat(runIn(directory, null, "fmt", "--to", "dsl", "exports.policy").stdout()).isEqualTo(dsl.stdout());
    }

    @Test
    void printsInterceptYamlInEitherForm() {
        assertThat(run("fmt", "policies/issues.yaml").exitsWith(ExitCode.OK).stdout())
                .contains("tool delete_repository {");
        assertThat(JsonMapper.shared().readTree(run("fmt", "--to", "json", "policies/issues.yaml").exitsWith(ExitCode.OK)
                .stdout()).get("tools").has("create_issue")).isTrue();
    }

    @Test
    void writeNormalisesAFileInItsOwnForm(@TempDir Path directory) throws IOException {
        Path policy = directory.resolve("messy.policy");
        Files.writeString(policy, "policy   \"messy\"\ntool read_file{require args.path startsWith \"/srv/\"}\n\n\n");
        runIn(directory, null, "fmt", "--write", "messy.policy").exitsWith(ExitCode.OK);
        assertThat(Files.readString(policy))
                .isEqualTo("policy \"messy\"\n\ntool read_file { require args.path startsWith \"/srv/\" }\n");

        Path json = directory.resolve("compact.json");
        Files.writeString(json, "{\"version\":\"1\",\"tools\":{\"a\":{}}}");
        assertThat(runIn(directory, null, "fmt", "-w", "compact.json").exitsWith(ExitCode.OK).stdout()).isEmpty();
        assertThat(Files.readString(json)).isEqualTo("{\n  \"version\" : \"1\",\n  \"tools\" : {\n    \"a\" : { }\n  }\n}\n");
    }

    @Test
    void refusesToWriteWhatItWouldLose(@TempDir Path directory) throws IOException {
        Path commented = directory.resolve("commented.policy");
        Files.copy(Portcullis.fixture("broken/commented.policy"), commented);
        String before = Files.readString(commented);
        assertThat(runIn(directory, null, "fmt", "--write", "commented.policy").exitsWith(ExitCode.USAGE)
                .hasOneLineProblems().stderrLines()).containsExactly("portcullis fmt: error: commented.policy has comments,"
                + " which fmt does not keep; --write would delete them (line 1)");
        assertThat(Files.readString(commented)).isEqualTo(before);

        Files.writeString(directory.resolve("shared.policy"), "tool read_file {}\n");
        Path including = Files.writeString(directory.resolve("including.policy"), "include \"shared.policy\"\n");
        assertThat(runIn(directory, null, "fmt", "--write", "including.policy").exitsWith(ExitCode.USAGE)
                .hasOneLineProblems().stderr()).contains("including.policy includes other files; --write would inline them");
        assertThat(Files.readString(including)).isEqualTo("include \"shared.policy\"\n");
        assertThat(runIn(directory, null, "fmt", "including.policy").exitsWith(ExitCode.OK).stdout())
                .contains("\"read_file\"");

        // an include beside the policy's folder is read (the working directory is the include root), so it is seen
        Files.createDirectories(directory.resolve("policies"));
        Files.createDirectories(directory.resolve("parts"));
        Files.writeString(directory.resolve("parts/shared.policy"), "tool read_file {}\n");
        Path beside = Files.writeString(directory.resolve("policies/beside.policy"), "include \"../parts/shared.policy\"\n");
        assertThat(runIn(directory, null, "fmt", "--write", "policies/beside.policy").exitsWith(ExitCode.USAGE)
                .hasOneLineProblems().stderr()).contains("beside.policy includes other files; --write would inline them");
        assertThat(Files.readString(beside)).isEqualTo("include \"../parts/shared.policy\"\n");

        assertThat(run("fmt", "--write", "policies/issues.yaml").exitsWith(ExitCode.USAGE).hasOneLineProblems().stderr())
                .contains("--write cannot write Intercept YAML");
        assertThat(run("fmt", "--write", "--to", "dsl", "policies/exports.json").exitsWith(ExitCode.USAGE)
                .hasOneLineProblems().stderr()).contains("--write rewrites policies/exports.json in its own form (json)");
    }

    @Test
    void invalidOrMissingPoliciesAreNotPrinted() {
        Result invalid = run("fmt", "broken/invalid-schema.json").exitsWith(ExitCode.INVALID_POLICY).hasOneLineProblems();
        assertThat(invalid.stdout()).isEmpty();
        assertThat(invalid.stderrLines()).hasSize(3);
        run("fmt", "policies/nope.policy").exitsWith(ExitCode.USAGE).hasOneLineProblems();
        run("fmt", "broken/policy.txt").exitsWith(ExitCode.USAGE).hasOneLineProblems();
        run("fmt", "--to", "yaml", "policies/exports.json").exitsWith(ExitCode.USAGE).hasOneLineProblems();
    }
}
