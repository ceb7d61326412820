package dev.portcullis.testkit.replay;

import dev.portcullis.runtime.Decision;
import dev.portcullis.runtime.ToolCall;
import dev.portcullis.testkit.coverage.CallLimit;
import dev.portcullis.testkit.transcript.Expectation;
import dev.portcullis.testkit.transcript.RequestId;
import java.util.List;
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
 * @param limits      the limits the policy charges a call of this tool against when it allows it, from the
 *                    policy's {@linkplain PolicyUnderTest#coverageModel() model}; empty when that is unknown.
 *                    {@link Decision} names a counter only when it denies, so this is how listeners follow
 *                    the counters allowed calls charged ({@link CallLimit#amount} says by how much)
 */
public record CallOutcome(String transcript, int line, ToolCall call, RequestId requestId, Decision decision,
                          Expectation expectation, String mismatch, List<CallLimit> limits) {

    public CallOutcome {
        limits = List.copyOf(limits);
    }

    public boolean passed() {
        return mismatch == null;
    }

    public Optional<String> mismatchMessage() {
        return Optional.ofNullable(mismatch);
    }
}
