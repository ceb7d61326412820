package dev.portcullis.cli;

import java.util.Objects;

/**
 * Ends a command with an exit code other than 0 and one line for standard error. Commands throw it; the
 * command line prints the message (and, under {@code --verbose}, the cause's stack trace) and exits.
 */
public final class CommandFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ExitCode exitCode;

    public CommandFailure(ExitCode exitCode, String message) {
        this(exitCode, message, null);
    }

    public CommandFailure(ExitCode exitCode, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.exitCode = Objects.requireNonNull(exitCode, "exitCode");
        if (exitCode == ExitCode.OK) {
            throw new IllegalArgumentException("a failure needs a non-zero exit code");
        }
    }

    /** The command line or an input is wrong (exit code 2). */
    public static CommandFailure usage(String message) {
        return new CommandFailure(ExitCode.USAGE, message);
    }

    /** An input cannot be read (exit code 2). */
    public static CommandFailure unreadable(String message, Throwable cause) {
        return new CommandFailure(ExitCode.USAGE, message, cause);
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
