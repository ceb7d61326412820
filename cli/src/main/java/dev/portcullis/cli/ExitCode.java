package dev.portcullis.cli;

/**
 * The exit codes of every {@code portcullis} command (as Cerbos uses them), so scripts can tell a broken
 * invocation from a broken policy from a failing test.
 */
public enum ExitCode {
    /** The command did what was asked. */
    OK(0),
    /** Portcullis itself failed: a bug, or an environment problem such as a full disk. */
    INTERNAL_ERROR(1),
    /** The command line is wrong, or an input file cannot be read (missing, unknown format, broken transcript). */
    USAGE(2),
    /** A policy is invalid: it has errors, or warnings under {@code --fail-on-warning}. */
    INVALID_POLICY(3),
    /** A test failed: a decision did not meet its expectation, or coverage is below the threshold. */
    TEST_FAILED(4);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    /** The process exit status. */
    public int code() {
        return code;
    }
}
