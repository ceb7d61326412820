package dev.portcullis.testkit.transcript;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.runtime.ToolCall;
import java.util.Map;
import java.util.Objects;

/** One line of a transcript as the reader understood it. Blank lines are skipped and never returned. */
public sealed interface TranscriptLine {

    /** The 1-based line number in the file. */
    int line();

    /** The {@code {"transcript": {...}}} header, always the first line when present. */
    record HeaderLine(int line, TranscriptHeader header) implements TranscriptLine {
    }

    /**
     * A {@code tools/call} request (or a shorthand call line) to decide.
     *
     * @param timeMillis the line's {@code ts} in epoch milliseconds
     * @param requestId  the JSON-RPC id a response line may answer, or {@code null} (shorthand lines,
     *                   requests without an id)
     */
    record CallLine(int line, long timeMillis, String tool, Map<String, Object> arguments, String grant,
                    String session, String agent, RequestId requestId, Expectation expectation)
            implements TranscriptLine {

        public CallLine {
            Objects.requireNonNull(tool, "tool");
            Objects.requireNonNull(arguments, "arguments");
            Objects.requireNonNull(expectation, "expectation");
        }

        /** The call as the policy sees it, at the replay's virtual time {@code atMillis}. */
        public ToolCall toToolCall(long atMillis) {
            return new ToolCall(tool, arguments, grant, session, agent, atMillis);
        }
    }

    /**
     * A JSON-RPC response. It settles the reservation of the request with the same id: a failed upstream
     * call ({@code error}, or a {@code result} with {@code isError: true}) releases it, any other commits it.
     */
    record ResponseLine(int line, RequestId requestId, boolean failed) implements TranscriptLine {
    }

    /** Any other JSON-RPC message ({@code initialize}, {@code tools/list}, notifications): kept, not decided. */
    record OtherMessageLine(int line, String method) implements TranscriptLine {
    }

    /** A line that could not be read; it fails its transcript and is otherwise skipped. */
    record BrokenLine(int line, Diagnostic diagnostic) implements TranscriptLine {

        public BrokenLine {
            Objects.requireNonNull(diagnostic, "diagnostic");
        }
    }
}
