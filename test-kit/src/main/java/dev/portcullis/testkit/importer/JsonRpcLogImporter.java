package dev.portcullis.testkit.importer;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import dev.portcullis.compiler.source.SourcePosition;
import dev.portcullis.testkit.transcript.ProblemText;
import dev.portcullis.testkit.transcript.Timestamps;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Imports a raw MCP JSON-RPC log into a transcript: one JSON-RPC message per line, as a proxy, a
 * {@code tee} of a stdio server or a client's debug log records them. Accepted per line:
 * <ul>
 *   <li>a JSON-RPC message ({@code {"jsonrpc":"2.0","id":7,"method":"tools/call",...}});</li>
 *   <li>a wrapper holding one, {@code {"timestamp": ..., "direction": ..., "message": {...}}}, whose time is
 *       taken from {@code ts}, {@code timestamp} or {@code time} (RFC 3339 or epoch milliseconds);</li>
 *   <li>a JSON-RPC batch (an array), split into one transcript line per message.</li>
 * </ul>
 * A message without a time gets the previous line's time plus {@link Options#stepMillis()}, starting at
 * {@link Options#start()}: rate limits then see the spacing the options give, not the real one. Blank
 * lines are skipped; a line that is not JSON is reported with its line number and left out.
 */
public final class JsonRpcLogImporter {

    /**
     * @param name       the transcript's name for its header line, or {@code null} for no header
     * @param start      the time of the first message without a time of its own
     * @param stepMillis the time between consecutive messages without a time of their own
     * @param grant      the grant to record on each {@code tools/call}, or {@code null}
     * @param session    the session to record on each {@code tools/call}, or {@code null}
     * @param agent      the agent to record on each {@code tools/call}, or {@code null}
     */
    public record Options(String name, Instant start, long stepMillis, String grant, String session, String agent) {

        public Options {
            Objects.requireNonNull(start, "start");
            if (stepMillis < 0) {
                throw new IllegalArgumentException("stepMillis must not be negative: " + stepMillis);
            }
        }

        /** No header, no identity, messages one second apart from 1970-01-01T00:00:00Z. */
        public static Options defaults() {
            return new Options(null, Instant.EPOCH, 1000, null, null, null);
        }

        public Options withName(String newName) {
            return new Options(newName, start, stepMillis, grant, session, agent);
        }

        public Options withStart(Instant newStart, long newStepMillis) {
            return new Options(name, newStart, newStepMillis, grant, session, agent);
        }

        public Options withIdentity(String newGrant, String newSession, String newAgent) {
            return new Options(name, start, stepMillis, newGrant, newSession, newAgent);
        }
    }

    /**
     * What an import produced.
     *
     * @param messages  JSON-RPC messages written to the transcript
     * @param toolCalls of which {@code tools/call} requests
     * @param errors    lines left out, each with its line number (PC301, PC302)
     */
    public record Result(long messages, long toolCalls, List<Diagnostic> errors) {
        public Result {
            errors = List.copyOf(errors);
        }
    }

    private static final int MAX_RECORDED_ERRORS = 100;

    private final JsonMapper mapper;

    public JsonRpcLogImporter() {
        StreamReadConstraints constraints = StreamReadConstraints.builder().maxNestingDepth(64).build();
        this.mapper = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(constraints).build()).build();
    }

    /** Reads the log from {@code log} (named {@code logName} in errors) and writes the transcript to {@code transcript}. */
    public Result importLog(String logName, InputStream log, Writer transcript, Options options) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(log, StandardCharsets.UTF_8));
        List<Diagnostic> errors = new ArrayList<>();
        long messages = 0;
        long toolCalls = 0;
        long clock = options.start().toEpochMilli() - options.stepMillis();
        if (options.name() != null) {
            ObjectNode header = mapper.createObjectNode();
            header.putObject("transcript").put("name", options.name()).put("description", "imported from " + logName);
            writeLine(transcript, header);
        }
        int lineNumber = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode parsed;
            try {
                parsed = mapper.readTree(line);
            } catch (JacksonException malformed) {
                record(errors, Diagnostic.of(DiagnosticCode.TRANSCRIPT_MALFORMED_JSON,
                        new SourcePosition(logName, lineNumber, ProblemText.columnOf(malformed)), ProblemText.ofJson(malformed)));
                continue;
            }
            long recorded = timeOf(parsed);
            clock = recorded != Timestamps.INVALID ? recorded : clock + options.stepMillis();
            JsonNode message = parsed.isObject() && parsed.path("message").isObject() ? parsed.get("message") : parsed;
            List<JsonNode> batch = message.isArray() ? toList(message) : List.of(message);
            for (JsonNode each : batch) {
                if (!each.isObject()) {
                    record(errors, Diagnostic.of(DiagnosticCode.TRANSCRIPT_LINE_NOT_OBJECT,
                            new SourcePosition(logName, lineNumber, 0), "a JSON " + each.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
                    continue;
                }
                boolean toolCall = "tools/call".equals(each.path("method").asString(null));
                writeLine(transcript, transcriptLine(clock, each, toolCall, options));
                messages++;
                if (toolCall) {
                    toolCalls++;
                }
            }
        }
        transcript.flush();
        return new Result(messages, toolCalls, errors);
    }

    private ObjectNode transcriptLine(long time, JsonNode message, boolean toolCall, Options options) {
        ObjectNode line = mapper.createObjectNode();
        line.put("ts", Timestamps.format(time));
        if (toolCall) {
            putIfPresent(line, "grant", options.grant());
            putIfPresent(line, "session", options.session());
            putIfPresent(line, "agent", options.agent());
        }
        line.set("message", message);
        return line;
    }

    /** The time a wrapper line records, or {@link Timestamps#INVALID}. */
    private static long timeOf(JsonNode line) {
        if (!line.isObject()) {
            return Timestamps.INVALID;
        }
        for (String field : List.of("ts", "timestamp", "time")) {
            JsonNode value = line.get(field);
            if (value == null) {
                continue;
            }
            if (value.isString()) {
                long parsed = Timestamps.parse(value.asString());
                if (parsed != Timestamps.INVALID) {
                    return parsed;
                }
            } else if (value.isIntegralNumber() && value.canConvertToLong()) {
                return value.asLong();
            }
        }
        return Timestamps.INVALID;
    }

    private static void putIfPresent(ObjectNode line, String field, String value) {
        if (value != null) {
            line.put(field, value);
        }
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> elements = new ArrayList<>();
        array.forEach(elements::add);
        return elements;
    }

    private static void record(List<Diagnostic> errors, Diagnostic error) {
        if (errors.size() < MAX_RECORDED_ERRORS) {
            errors.add(error);
        }
    }

    private void writeLine(Writer out, JsonNode line) throws IOException {
        out.write(mapper.writeValueAsString(line));
        out.write('\n');
    }
}
