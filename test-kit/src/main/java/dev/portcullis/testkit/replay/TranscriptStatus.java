package dev.portcullis.testkit.replay;

/** How a transcript ended, in Surefire's terms. */
public enum TranscriptStatus {
    /** Every call was decided as expected. */
    PASSED,
    /** At least one call was decided otherwise than expected. */
    FAILED,
    /** The transcript could not be replayed as written (a broken line, no policy, unreadable file). */
    ERROR;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
