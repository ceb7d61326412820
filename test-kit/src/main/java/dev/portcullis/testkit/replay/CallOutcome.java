package dev.portcullis.testkit.replay;

import dev.portcullis.runtime.Decision;
import dev.portcullis.runtime.ToolCall;
import dev.portcullis.testkit.transcript.Expectation;
import dev.portcullis.testkit.transcript.RequestId;
import java.util.Optional;

/**
 * One call as replayed.
 *
 * @param transcript  the transcript's name
 * @param line        the call's line
 * @param call        the call as decided; its time is the replay's virtual time
 * @param requestId   the JSON-RPC id, or {@code null}
 * @param decision    what the policy decided
 * @param expectation what the line expected
 * @param mismatch    how the decision differs from the expectation, or {@code null} when it matches
 */
public record CallOutcome(String transcript, int line, ToolCall call, RequestId requestId, Decision decision,
                          Expectation expectation, String mismatch) {

    public boolean passed() {
        return mismatch == null;
    }

    public Optional<String> mismatchMessage() {
        return Optional.ofNullable(mismatch);
    }
}
