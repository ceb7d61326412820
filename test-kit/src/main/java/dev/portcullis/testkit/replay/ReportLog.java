package dev.portcullis.testkit.replay;

/**
 * Where the test kit reports trouble with itself (a reporter that failed), as opposed to test results.
 * The Maven plugin passes its log's {@code warn}; the command line passes standard error.
 */
@FunctionalInterface
public interface ReportLog {

    void warn(String message);

    /** Writes warnings to standard error. */
    static ReportLog toStandardError() {
        return message -> System.err.println("[WARNING] " + message);
    }
}
