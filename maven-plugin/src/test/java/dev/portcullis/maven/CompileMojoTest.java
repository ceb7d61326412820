package dev.portcullis.maven;

import static dev.portcullis.maven.TestProject.DATASTORE;
import static dev.portcullis.maven.TestProject.EXPORTS_POLICY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.runtime.CompiledPolicy;
import dev.portcullis.runtime.Decision;
import dev.portcullis.runtime.Effect;
import dev.portcullis.runtime.ToolCall;
import dev.portcullis.runtime.counter.InMemoryCounterStore;
import dev.portcullis.runtime.loader.PolicyLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompileMojoTest {

    @TempDir
    Path basedir;
    TestProject project;
    Path root;

    @BeforeEach
    void project() {
        project = new TestProject(basedir);
        root = basedir.resolve("target/classes/META-INF/portcullis");
    }

    @Test
    void writesEveryPolicyWhereTheRuntimeLoadsItFrom() throws Exception {
        project.write("src/main/policies/exports.json", EXPORTS_POLICY);
        project.write("src/main/policies/readers.policy", "policy readers\ndefault deny\ntool read_fhir_resource {}\n");

        project.compile().execute();

        assertThat(project.log.visible()).containsExactly(
                "[INFO] Precompiled 2 policies into target/classes/META-INF/portcullis");
        assertThat(Files.readAllLines(root.resolve("index"))).containsExactly("exports", "readers");
        CompiledPolicy exports = PolicyLoader.load(root.resolve("exports"), new InMemoryCounterStore());
        for (int call = 1; call <= 10; call++) {
            assertThat(exports.decide(export(call)).effect()).isEqualTo(Effect.ALLOW);
        }
        Decision eleventh = exports.decide(export(11));
        assertThat(eleventh.effect()).isEqualTo(Effect.DENY);
        assertThat(eleventh.ruleId()).isEqualTo("start_fhir_export_job_rate");
    }

    @Test
    void aPolicyWithErrorsIsNotWritten() throws IOException {
        project.write("src/main/policies/exports.json", "{\"version\": \"1\", \"default\": \"maybe\"}");

        assertThatThrownBy(() -> project.compile().execute()).isInstanceOf(MojoFailureException.class)
                .hasMessage("The policies in src/main/policies have errors (see above); none was precompiled");
        assertThat(project.log.visible()).anyMatch(line -> line.startsWith("[ERROR] src/main/policies/exports.json:1:"));
        assertThat(root).doesNotExist();
    }

    @Test
    void upToDatePoliciesAreNotWrittenAgain() throws Exception {
        project.write("src/main/policies/exports.json", EXPORTS_POLICY);
        project.compile().execute();
        project.compile().execute();
        assertThat(project.log.visible()).containsExactly("[INFO] Precompiled policies are up to date");

        Files.delete(root.resolve("exports/policy.bin"));
        project.compile().execute();
        assertThat(root.resolve("exports/policy.bin")).as("a deleted output is written again").isRegularFile();
    }

    @Test
    void aRenamedPolicyLeavesNoStaleFolderBehind() throws Exception {
        project.write("src/main/policies/exports.json", EXPORTS_POLICY);
        project.compile().execute();

        project.write("src/main/policies/exports.json", EXPORTS_POLICY.replace("\"name\": \"exports\"", "\"name\": \"fhir-exports\""));
        project.compile().execute();

        assertThat(root.resolve("exports")).doesNotExist();
        assertThat(root.resolve("fhir-exports/policy.bin")).isRegularFile();
        assertThat(Files.readAllLines(root.resolve("index"))).containsExactly("fhir-exports");
    }

    private static ToolCall export(int call) {
        Map<String, Object> arguments = Map.of("datastore_id", DATASTORE,
                "output_data_config", Map.of("s3_configuration", Map.of("s3_uri", "s3://phi-exports/nightly/" + call + "/")));
        return ToolCall.builder("start_fhir_export_job").arguments(arguments).grant("ci-runner")
                .timeMillis(1_795_000_000_000L + call * 1_000L).build();
    }
}
