package dev.portcullis.cli;

import dev.portcullis.runtime.ToolCall;
import dev.portcullis.testkit.transcript.Timestamps;
import dev.portcullis.testkit.transcript.TranscriptLimits;
import dev.portcullis.testkit.transcript.TranscriptLine;
import dev.portcullis.testkit.transcript.TranscriptReader;
import dev.portcullis.testkit.transcript.TranscriptSource;
import java.io.IOException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the call a command line describes ({@code --tool}, {@code --args}, {@code --grant}, ...) by reading
 * it as a transcript line, so its arguments have exactly the Java types a replayed transcript gives them.
 */
final class CallBuilder {

    private static final JsonMapper JSON = JsonMapper.builder()
            // keep numbers as written until the transcript reader reads them, as it reads every transcript
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private CallBuilder() {
    }

    /**
     * @param argumentsJson the arguments, a JSON object
     * @throws CommandFailure (exit code 2) when the arguments are not one JSON object
     */
    static ToolCall call(String tool, String argumentsJson, String grant, String session, String agent, long timeMillis) {
        JsonNode arguments;
        try {
            arguments = JSON.readTree(argumentsJson);
        } catch (JacksonException malformed) {
            throw CommandFailure.usage("--args is not valid JSON: " + malformed.getOriginalMessage());
        }
        if (arguments == null || !arguments.isObject()) {
            throw CommandFailure.usage("--args must be a JSON object, such as '{\"datastore_id\": \"a1\"}'");
        }
        ObjectNode line = JSON.createObjectNode();
        line.put("ts", timeMillis);
        line.put("tool", tool);
        line.set("arguments", arguments);
        putIfGiven(line, "grant", grant);
        putIfGiven(line, "session", session);
        putIfGiven(line, "agent", agent);
        TranscriptSource source = TranscriptSource.ofString("the command line", JSON.writeValueAsString(line));
        try (TranscriptReader reader = TranscriptReader.open(source, TranscriptLimits.DEFAULT)) {
            TranscriptLine read = reader.next();
            if (read instanceof TranscriptLine.CallLine call) {
                return call.toToolCall(call.timeMillis());
            }
            if (read instanceof TranscriptLine.BrokenLine broken) {
                throw CommandFailure.usage("cannot use this call: " + broken.diagnostic().message());
            }
            throw new IllegalStateException("a shorthand call line was read as " + read);
        } catch (IOException impossible) {
            throw new IllegalStateException("reading a string failed", impossible);
        }
    }

    private static void putIfGiven(ObjectNode line, String field, String value) {
        if (value != null) {
            line.put(field, value);
        }
    }

    /**
     * Epoch milliseconds of {@code --at}: an RFC 3339 date-time ({@code 2026-11-26T10:00:41Z}) or epoch milliseconds.
     *
     * @throws CommandFailure (exit code 2) for anything else
     */
    static long time(String text) {
        if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException tooLarge) {
                throw CommandFailure.usage("--at " + text + " is too large for epoch milliseconds");
            }
        }
        long millis = Timestamps.parse(text);
        if (millis == Timestamps.INVALID) {
            throw CommandFailure.usage("--at must be an RFC 3339 date-time such as 2026-11-26T10:00:41Z,"
                    + " or epoch milliseconds; got '" + text + "'");
        }
        return millis;
    }
}
