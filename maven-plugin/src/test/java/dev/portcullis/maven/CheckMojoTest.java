package dev.portcullis.maven;

import static dev.portcullis.maven.TestProject.EXPORTS_POLICY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckMojoTest {

    /** A policy whose second tool can never be reached: PC055, a warning. */
    private static final String SHADOWED = """
            policy shadowed
            tool start_fhir_export_job {
              deny "exports are off"
              require args.job_name exists
            }
            """;

    @TempDir
    Path basedir;
    TestProject project;

    @BeforeEach
    void project() {
        project = new TestProject(basedir);
    }

    @Test
    void cleanPoliciesInEveryFormatPrintNothing() throws Exception {
        project.write("src/main/policies/exports.json", EXPORTS_POLICY);
        project.write("src/main/policies/readers.policy", "policy readers\ntool read_fhir_resource {}\n");
        project.write("src/main/policies/intercept/github.yaml", """
                version: "1"
                default: allow
                tools:
                  delete_repository:
                    rules:
                      - name: never
                        action: deny
                """);

        project.check().execute();

        assertThat(project.log.visible()).isEmpty();
    }

    @Test
    void errorsFailTheBuildWithFileLineColumnCodeAndTheSourceLine() throws IOException {
        project.write("src/main/policies/exports.json", EXPORTS_POLICY.replace("\"max\": 10", "\"max\": 10, \"maximum\": 12"));

        assertThatThrownBy(() -> project.check().execute())
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("1 policy error in src/main/policies (see above); first: src/main/policies/exports.json:11:82: "
                        + "error PC015: unknown field 'maximum' in tools.start_fhir_export_job.limits[0] (did you mean 'max'?)");
        assertThat(project.log.visible()).singleElement().asString()
                .startsWith("[ERROR] src/main/policies/exports.json:11:82: error PC015: unknown field 'maximum'")
                .contains("\n        {\"counter\": \"start_fhir_export_job_rate\"")
                .endsWith("^");
    }

    @Test
    void dslSyntaxErrorsArePositionedToo() throws IOException {
        project.write("src/main/policies/readers.policy", "policy readers\ntool read_fhir_resource { alow }\n");

        assertThatThrownBy(() -> project.check().execute()).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("src/main/policies/readers.policy:2:27: error PC100");
    }

    @Test
    void includesMayReachPartsBesideThePolicyFolderButNothingOutsideTheProject(@TempDir Path elsewhere)
            throws IOException {
        Path outside = Files.writeString(elsewhere.resolve("outside.policy"), "tool leaked {}\n");
        project.write("src/main/policy-parts/limits.policy", "counter exports = 10 per minute\n");
        project.write("src/main/policies/readers.policy", """
                policy readers
                include "../policy-parts/limits.policy"
                include "%s"
                tool read_fhir_resource { limit exports }
                """.formatted(outside));

        assertThatThrownBy(() -> project.check().execute()).isInstanceOf(MojoFailureException.class)
                .hasMessageEndingWith("first: src/main/policies/readers.policy:3:1: error PC111: cannot include \""
                        + outside + "\": it is outside the include root " + basedir.toAbsolutePath().normalize());
    }

    @Test
    void warningsArePrintedAndPassUnlessFailOnWarnings() throws Exception {
        project.write("src/main/policies/shadowed.policy", SHADOWED);

        project.check().execute();
        assertThat(project.log.visible()).singleElement().asString()
                .startsWith("[WARNING] src/main/policies/shadowed.policy:4:11: warning PC055");

        CheckMojo strict = project.check();
        strict.failOnWarnings = true;
        assertThatThrownBy(strict::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("1 policy warning in src/main/policies and failOnWarnings is set (see above); "
                        + "first: src/main/policies/shadowed.policy:4:11: warning PC055");
    }

    @Test
    void aToolsListChecksToolNamesAndArguments() throws Exception {
        project.write("src/main/policies/exports.json", EXPORTS_POLICY);
        Path toolsList = project.write("tools-list.json", """
                {"tools": [{"name": "start_fhir_export_job", "inputSchema": {"type": "object",
                  "properties": {"output_data_config": {"type": "object"}}}}]}
                """);
        CheckMojo mojo = project.check();
        mojo.toolsList = toolsList.toFile();

        mojo.execute();

        assertThat(project.log.visible()).anyMatch(line -> line.contains("warning PC058: tool 'list_fhir_jobs' is not in the tools list"));
    }

    @Test
    void twoPoliciesOfOneNameAreAnError() throws IOException {
        project.write("src/main/policies/exports.json", EXPORTS_POLICY);
        project.write("src/main/policies/more/exports.policy", "policy exports\ntool list_fhir_jobs {}\n");

        assertThatThrownBy(() -> project.check().execute()).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("policy name 'exports' is already used by src/main/policies/exports.json");
    }

    @Test
    void aProjectWithoutPoliciesHasNothingToCheck() throws Exception {
        project.check().execute();
        assertThat(project.log.visible()).isEmpty();
    }

    @Test
    void skipSkips() throws Exception {
        project.write("src/main/policies/broken.json", "{");
        CheckMojo mojo = project.check();
        mojo.skip = true;
        mojo.execute();
        assertThat(project.log.lines()).containsExactly("[INFO] Portcullis check skipped (portcullis.skip)");
    }

    @Test
    void unchangedPoliciesAreNotCheckedAgainButChangedOnesAre() throws Exception {
        Path policy = project.write("src/main/policies/shadowed.policy", SHADOWED);
        project.check().execute();

        project.check().execute();
        assertThat(project.log.lines()).containsExactly("[DEBUG] Policies unchanged since the last successful check");

        project.write("src/main/policies/shadowed.policy", SHADOWED.replace("exports are off", "no exports"));
        project.check().execute();
        assertThat(project.log.visible()).singleElement().asString().contains("warning PC055");

        CheckMojo strict = project.check();
        strict.failOnWarnings = true;
        assertThatThrownBy(strict::execute).as("a changed setting checks again").isInstanceOf(MojoFailureException.class);
        assertThat(policy).isRegularFile();
    }
}
