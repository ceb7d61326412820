package dev.portcullis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code portcullis.jar} as a process, as a user or a script would, and captures its exit
 * code, standard output and standard error. Integration tests only (they need the packaged jar).
 */
final class Portcullis {

    /** The fixtures, copied to {@code target/test-classes/it}; commands run there so paths print short. */
    static final Path FIXTURES = resource("/it");

    private static final long TIMEOUT_SECONDS = 60;

    private Portcullis() {
    }

    /** The outcome of one run. */
    record Result(List<String> command, int exitCode, String stdout, String stderr) {

        List<String> stdoutLines() {
            return stdout.lines().toList();
        }

        List<String> stderrLines() {
            return stderr.lines().toList();
        }

        /** Every problem on standard error is one line, and none is a stack trace (nothing ran with --verbose). */
        Result hasOneLineProblems() {
            for (String line : stderrLines()) {
                assertThat(line).as("standard error of %s", command)
                        .doesNotStartWith("\tat ").doesNotStartWith("Caused by").doesNotContain("Exception:")
                        .isNotBlank();
            }
            return this;
        }

        Result exitsWith(ExitCode expected) {
            assertThat(exitCode).as("exit code of %s%nstdout:%n%s%nstderr:%n%s", command, stdout, stderr)
                    .isEqualTo(expected.code());
            return this;
        }

        @Override
        public String toString() {
            return command + " -> " + exitCode + "\nstdout:\n" + stdout + "stderr:\n" + stderr;
        }
    }

    static Result run(String... arguments) {
        return runIn(FIXTURES, null, arguments);
    }

    static Result runWithInput(String input, String... arguments) {
        return runIn(FIXTURES, input, arguments);
    }

    /** Runs {@code java -jar portcullis.jar arguments} in {@code directory}, with {@code input} on standard input. */
    static Result runIn(Path directory, String input, String... arguments) {
        List<String> command = new ArrayList<>(List.of(javaCommand()));
        command.addAll(QuickStart.OPTIONS);
        command.addAll(List.of("-jar", jar().toString()));
        int prefix = command.size();
        command.addAll(List.of(arguments));
        return start(command, prefix, directory, input);
    }

    /**
     * Options for quick start-up, as the launcher uses them, plus a class-data-sharing archive of the jar's
     * classes made once per test run (it cuts a third of every start's CPU time). When the archive cannot be
     * made, runs go on without it. A holder class, so the archive is made once, on first use, by one thread.
     */
    private static final class QuickStart {
        static final List<String> OPTIONS = options();

        private static List<String> options() {
            List<String> quick = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xlog:disable");
            Path archive = jar().resolveSibling("portcullis-it.jsa");
            List<String> dump = new ArrayList<>(List.of(javaCommand()));
            dump.addAll(quick);
            dump.addAll(List.of("-XX:ArchiveClassesAtExit=" + archive, "-jar", jar().toString(), "decide",
                    "--policy", "policies/exports.json", "transcripts/passes.jsonl"));
            Result made = start(dump, 0, FIXTURES, null);
            List<String> options = new ArrayList<>(quick);
            if (made.exitCode() == 0 && Files.isRegularFile(archive)) {
                options.add("-XX:SharedArchiveFile=" + archive);
            }
            return List.copyOf(options);
        }
    }

    /** Runs any command (the launcher script). */
    static Result start(List<String> command, Path directory, String input) {
        return start(command, 0, directory, input, Map.of());
    }

    /** Runs any command with these environment variables changed (such as a {@code PATH} with stand-ins). */
    static Result startWith(List<String> command, Path directory, Map<String, String> environment) {
        return start(command, 0, directory, null, environment);
    }

    private static Result start(List<String> command, int prefix, Path directory, String input) {
        return start(command, prefix, directory, input, Map.of());
    }

    /** @param prefix how many leading words of the command are not shown in assertion messages */
    private static Result start(List<String> command, int prefix, Path directory, String input,
                                Map<String, String> environment) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            try (OutputStream stdin = process.getOutputStream()) {
                if (input != null) {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            return new Result(command.subList(prefix, command.size()), process.exitValue(),
                    stdout.join(), stderr.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    static Path jar() {
        Path jar = Path.of(Objects.requireNonNull(System.getProperty("portcullis.jar"),
                "system property portcullis.jar (set by failsafe) names the packaged jar"));
        assertThat(jar).as("the packaged jar; run 'mvn verify'").isRegularFile();
        return jar;
    }

    static Path fixture(String relative) {
        return FIXTURES.resolve(relative);
    }

    static String readFixture(String relative) {
        try {
            return Files.readString(fixture(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String read(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path resource(String name) {
        try {
            return Path.of(Objects.requireNonNull(Portcullis.class.getResource(name), name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
