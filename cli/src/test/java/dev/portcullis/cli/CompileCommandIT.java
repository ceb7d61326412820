package dev.portcullis.cli;

import static dev.portcullis.cli.Portcullis.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.cli.Portcullis.Result;
import dev.portcullis.runtime.CompiledPolicy;
import dev.portcullis.runtime.Effect;
import dev.portcullis.runtime.ToolCall;
import dev.portcullis.runtime.counter.InMemoryCounterStore;
import dev.portcullis.runtime.loader.PolicyLoader;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code portcullis compile}, run as a process; what it writes is loaded with the runtime alone. */
class CompileCommandIT {

    @Test
    void writesPrecompiledPoliciesAGatewayLoads(@TempDir Path output) throws IOException {
        Result result = run("compile", "policies", "-o", output.toString()).exitsWith(ExitCode.OK);
        assertThat(result.stderr()).isEmpty();
        assertThat(result.stdoutLines()).containsExactly(
                "policies/exports.json -> " + output.resolve("META-INF/portcullis/exports"),
                "policies/files.policy -> " + output.resolve("META-INF/portcullis/files"),
                "policies/issues.yaml -> " + output.resolve("META-INF/portcullis/issues"));
        assertThat(Files.readAllLines(output.resolve("META-INF/portcullis/index"))).containsExactly("exports", "files", "issues");

        try (URLClassLoader classPath = new URLClassLoader(new URL[] {output.toUri().toURL()}, null)) {
            assertThat(PolicyLoader.policies(classPath)).containsExactly("exports", "files", "issues");
            CompiledPolicy exports = PolicyLoader.load(classPath, "exports", new InMemoryCounterStore());
            assertThat(exports.decide(ToolCall.of("start_export", Map.of("s3_uri", "s3://phi-exports/a"), 0)).effect())
                    .isEqualTo(Effect.ALLOW);
            assertThat(exports.decide(ToolCall.of("delete_resource", Map.of(), 0)).ruleId())
                    .isEqualTo("tools.delete_resource");
        }
    }

    @Test
    void refusesInvalidPoliciesAndUnusableOutputs(@TempDir Path output) throws IOException {
        run("compile", "broken/invalid-syntax.policy", "-o", output.toString()).exitsWith(ExitCode.INVALID_POLICY)
                .hasOneLineProblems();
        try (var written = Files.list(output)) {
            assertThat(written).isEmpty();
        }
        Path file = Files.writeString(output.resolve("a-file"), "");
        assertThat(run("compile", "policies/exports.json", "-o", file.toString()).exitsWith(ExitCode.USAGE)
                .hasOneLineProblems().stderr()).contains("is a file, not a directory");
        assertThat(run("compile", "policies/exports.json").exitsWith(ExitCode.USAGE).hasOneLineProblems().stderr())
                .contains("Missing required option: '--output=DIR'");
    }

    @Test
    void refusesTwoPoliciesThatWouldShareAFolder(@TempDir Path output) {
        assertThat(run("compile", "policies/exports.json", "policies/exports.json", "-o", output.toString())
                .exitsWith(ExitCode.USAGE).hasOneLineProblems().stderr())
                .contains("are both named 'exports'; they would overwrite each other");
    }
}
