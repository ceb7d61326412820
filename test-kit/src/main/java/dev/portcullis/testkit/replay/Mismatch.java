package dev.portcullis.testkit.replay;

import dev.portcullis.runtime.Decision;
import dev.portcullis.testkit.transcript.Expectation;

/**
 * A call whose decision differs from what its line expected: the thing a person acts on.
 *
 * @param message what differs, e.g. {@code expected ALLOW but was DENY: ...}
 */
public record Mismatch(String transcript, int line, String tool, long timeMillis, Expectation expected,
                       Decision actual, String message) {

    /** {@code transcript:line}, the form editors and CI logs link. */
    public String location() {
        return transcript + ":" + line;
    }

    /** {@code runaway-agent.jsonl:12 start_fhir_export_job expected ALLOW but was DENY: ...} */
    @Override
    public String toString() {
        return location() + " " + tool + " " + message;
    }
}
