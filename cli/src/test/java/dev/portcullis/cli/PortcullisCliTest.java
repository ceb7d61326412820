package dev.portcullis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The command line's handling of failures, in-process: what a process cannot easily be made to do. */
class PortcullisCliTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Terminal terminal = Terminal.of(new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

    /** Stands for a bug in a command. */
    @Command(name = "broken")
    static final class BrokenCommand implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Override
        public Integer call() {
            throw new IllegalStateException("an invariant broke\nin two lines", new ArithmeticException("root cause"));
        }
    }

    /** Stands for a command that fails for a reason it can name. */
    @Command(name = "refusing")
    static final class RefusingCommand implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Override
        public Integer call() {
            throw new CommandFailure(ExitCode.INVALID_POLICY, "the policy is wrong", new IllegalArgumentException("detail"));
        }
    }

    private int execute(String... args) {
        CommandLine cli = PortcullisCli.commandLine(terminal);
        cli.addSubcommand(new CommandLine(new BrokenCommand()));
        cli.addSubcommand(new CommandLine(new RefusingCommand()));
        int code = cli.execute(args);
        terminal.out().flush();
        terminal.err().flush();
        return code;
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anUnexpectedExceptionIsAnInternalErrorInOneLine() {
        assertThat(execute("broken")).isEqualTo(ExitCode.INTERNAL_ERROR.code());
        assertThat(err()).isEqualTo("portcullis broken: internal error: java.lang.IllegalStateException: an invariant"
                + " broke; in two lines (run with --verbose for the stack trace)\n");
        assertThat(out.size()).isZero();
    }

    @Test
    void verbosePrintsTheStackTrace() {
        assertThat(execute("broken", "--verbose")).isEqualTo(ExitCode.INTERNAL_ERROR.code());
        assertThat(err()).startsWith("portcullis broken: internal error: java.lang.IllegalStateException: an invariant"
                + " broke; in two lines\njava.lang.IllegalStateException: an invariant broke")
                .contains("\tat dev.portcullis.cli.PortcullisCliTest$BrokenCommand.call(",
                        "Caused by: java.lang.ArithmeticException: root cause");
    }

    @Test
    void aCommandFailureKeepsItsExitCodeAndShowsItsCauseOnlyWhenVerbose() {
        assertThat(execute("refusing")).isEqualTo(ExitCode.INVALID_POLICY.code());
        assertThat(err()).isEqualTo("portcullis refusing: error: the policy is wrong\n");
        err.reset();
        assertThat(execute("refusing", "--verbose")).isEqualTo(ExitCode.INVALID_POLICY.code());
        assertThat(err()).startsWith("portcullis refusing: error: the policy is wrong\njava.lang.IllegalArgumentException: detail\n");
    }

    @Test
    void runsACommandInProcess() {
        assertThat(PortcullisCli.run(terminal, "--version")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("portcullis ");
        assertThat(PortcullisCli.run(terminal, "nonsense")).isEqualTo(ExitCode.USAGE.code());
    }

    @Test
    void exitCodesAreTheDocumentedNumbers() {
        assertThat(ExitCode.values()).extracting(ExitCode::code).containsExactly(0, 1, 2, 3, 4);
    }
}
