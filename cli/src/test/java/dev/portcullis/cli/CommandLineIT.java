package dev.portcullis.cli;

import static dev.portcullis.cli.Portcullis.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.cli.Portcullis.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What every command shares, run as a process: help, version, completion, usage errors, the launcher. */
class CommandLineIT {

    @ParameterizedTest
    @ValueSource(strings = {"check", "test", "decide", "compile", "fmt", "explain"})
    void everyCommandHasHelpWithExamplesAndTheExitCodes(String command) {
        Result result = run(command, "--help").exitsWith(ExitCode.OK);
        assertThat(result.stderr()).isEmpty();
        assertThat(result.stdout()).contains("Usage: portcullis " + command, "Examples:",
                "  portcullis " + command + " ", "Exit codes:", "   3   a policy is invalid", "--verbose");
    }

    @Test
    void theTopLevelListsTheCommands() {
        Result result = run("--help").exitsWith(ExitCode.OK);
        assertThat(result.stdout()).contains("check ", "test ", "decide ", "compile ", "fmt ", "explain ",
                "generate-completion ", "Examples:", "Exit codes:");
        assertThat(run("--version").exitsWith(ExitCode.OK).stdoutLines().get(0)).matches("portcullis \\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void unknownCommandsAndMissingCommandsAreUsageErrors() {
        assertThat(run("chek", "policies").exitsWith(ExitCode.USAGE).hasOneLineProblems().stderrLines()).containsExactly(
                "portcullis: error: Unmatched arguments from index 0: 'chek', 'policies' (did you mean check?)"
                        + " (see 'portcullis --help')");
        assertThat(run().exitsWith(ExitCode.USAGE).hasOneLineProblems().stderrLines()).containsExactly(
                "portcullis: error: a command is required: check, test, decide, compile, fmt or explain"
                        + " (see 'portcullis --help')");
        assertThat(run("check", "--tools", "tools-list.json", "policies").exitsWith(ExitCode.USAGE).hasOneLineProblems()
                .stderrLines()).containsExactly("portcullis check: error: Unknown option: '--tools' (did you mean"
                + " --tools-list?) (see 'portcullis check --help')");
    }

    @Test
    void generatesABashCompletionScriptThatKnowsTheCommandsAndValues(@TempDir Path directory) throws IOException {
        Result result = run("generate-completion").exitsWith(ExitCode.OK);
        assertThat(result.stdout()).startsWith("#!/usr/bin/env bash").contains("portcullis", "check", "explain",
                "(\"compiled\" \"interpreted\") # --engine values", "(\"text\" \"json\") # --format values",
                "(\"dsl\" \"json\") # --to values");
        Path script = Files.writeString(directory.resolve("portcullis_completion"), result.stdout());
        Result syntax = Portcullis.start(List.of("bash", "-n", script.toString()), directory, null);
        assertThat(syntax.exitCode()).as(syntax.stderr()).isZero();
    }

    @Test
    void theLauncherRunsTheJarFromAnyDirectory(@TempDir Path elsewhere) throws IOException {
        Path launcher = Path.of(System.getProperty("portcullis.launcher"));
        Path linked = Files.createSymbolicLink(elsewhere.resolve("portcullis"), launcher);
        Path policy = Files.copy(Portcullis.fixture("policies/exports.json"), elsewhere.resolve("exports.json"));
        Result result = Portcullis.start(List.of(linked.toString(), "check", "exports.json"), elsewhere, null);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).isEqualTo("1 policy file checked: 1 valid, 0 invalid (0 errors, 0 warnings)\n");
        assertThat(result.stderr()).isEmpty();
        assertThat(policy).exists();
        assertThat(Portcullis.start(List.of(launcher.toString(), "check"), elsewhere, null).exitCode())
                .isEqualTo(ExitCode.USAGE.code());
    }

    /**
     * The launcher rebuilds the jar when a source it is built from is newer, and only then. A copy of
     * the launcher in a stand-in repository, with a stand-in {@code mvn} that records its call and
     * refreshes the jar, shows both cases without running a real build.
     */
    @Test
    void theLauncherRebuildsTheJarOnlyWhenItsSourcesChanged(@TempDir Path root) throws IOException {
        Path launcher = Files.copy(Path.of(System.getProperty("portcullis.launcher")), Files.createDirectories(root.resolve("bin"))
                .resolve("portcullis"));
        launcher.toFile().setExecutable(true);
        Path source = Files.createDirectories(root.resolve("compiler/src/main/java")).resolve("Policy.java");
        Files.writeString(source, "class Policy {}");
        Files.writeString(root.resolve("pom.xml"), "<project/>");
        Path jar = Files.copy(Portcullis.jar(), Files.createDirectories(root.resolve("cli/target")).resolve("portcullis.jar"));
        Path calls = root.resolve("mvn-calls");
        Path tools = Files.createDirectories(root.resolve("tools"));
        Path mvn = Files.writeString(tools.resolve("mvn"), "#!/bin/sh\necho \"$@\" >> '" + calls + "'\ntouch '" + jar + "'\n");
        mvn.toFile().setExecutable(true);
        Map<String, String> environment = Map.of("PATH", tools + ":" + System.getenv("PATH"));
        FileTime built = FileTime.fromMillis(System.currentTimeMillis());
        Files.setLastModifiedTime(source, FileTime.fromMillis(built.toMillis() - 60_000));
        Files.setLastModifiedTime(root.resolve("pom.xml"), FileTime.fromMillis(built.toMillis() - 60_000));
        Files.setLastModifiedTime(jar, built);

        Result fresh = Portcullis.startWith(List.of(launcher.toString(), "--version"), root, environment);
        assertThat(fresh.exitCode()).as(fresh.toString()).isZero();
        assertThat(fresh.stderr()).isEmpty();
        assertThat(calls).doesNotExist();

        Files.setLastModifiedTime(source, FileTime.fromMillis(built.toMillis() + 60_000));
        Result stale = Portcullis.startWith(List.of(launcher.toString(), "--version"), root, environment);
        assertThat(stale.exitCode()).as(stale.toString()).isZero();
        assertThat(stale.stdout()).startsWith("portcullis ");
        assertThat(stale.stderr()).contains("building " + jar.toRealPath() + " (its sources changed since it was built)");
        assertThat(Files.readString(calls)).contains("-pl cli -am package");
    }
}
