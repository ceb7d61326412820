package dev.portcullis.testkit.transcript;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import dev.portcullis.compiler.source.SourcePosition;
import dev.portcullis.runtime.Effect;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;

/**
 * Turns the bytes of one transcript line into a {@link TranscriptLine}, token by token: no tree is built
 * except the call's arguments, which the policy needs as maps and lists. Problems become a
 * {@link TranscriptLine.BrokenLine} with the line and column; nothing is thrown.
 */
final class TranscriptLineParser {

    private static final int MAX_CACHED_PATTERNS = 1024;
    private static final int MAX_QUOTED_VALUE = 60;

    private final String file;
    private final JsonFactory json;
    /** Transcripts repeat the same {@code expect_reason} many times; compiling it once per text is enough. */
    private final Map<String, Pattern> reasonPatterns = new HashMap<>();

    TranscriptLineParser(String file, TranscriptLimits limits) {
        this.file = file;
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxNestingDepth())
                .maxNumberLength(limits.maxNumberLength())
                .maxStringLength(limits.maxLineBytes())
                .maxNameLength(limits.maxLineBytes())
                .maxDocumentLength(limits.maxLineBytes())
                .build();
        // one parser per line: a thread-local buffer pool makes creating them cheap (the reader is single-threaded)
        this.json = JsonFactory.builder().streamReadConstraints(constraints)
                .recyclerPool(JsonRecyclerPools.threadLocalPool()).build();
    }

    String file() {
        return file;
    }

    /** A line too long to parse at all. */
    TranscriptLine tooLong(int line, long bytes, int maxBytes) {
        return broken(line, 0, DiagnosticCode.TRANSCRIPT_LINE_TOO_LARGE,
                "it is " + bytes + " bytes long, more than the " + maxBytes + " bytes allowed");
    }

    TranscriptLine parse(int line, byte[] bytes, int offset, int length) {
        try (JsonParser parser = json.createParser(ObjectReadContext.empty(), bytes, offset, length)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                return broken(line, column(parser), DiagnosticCode.TRANSCRIPT_LINE_NOT_OBJECT, describe(parser, first));
            }
            LineFields fields = new LineFields();
            readLine(parser, fields);
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                return broken(line, column(parser), DiagnosticCode.TRANSCRIPT_MALFORMED_JSON,
                        "unexpected " + describe(parser, trailing) + " after the line's object; put one JSON object on each line");
            }
            return fields.build(line);
        } catch (LineError error) {
            return broken(line, error.column, error.code, error.arguments);
        } catch (StreamConstraintsException tooBig) {
            return broken(line, ProblemText.columnOf(tooBig), DiagnosticCode.TRANSCRIPT_LINE_TOO_LARGE, ProblemText.ofJson(tooBig));
        } catch (JacksonException malformed) {
            return broken(line, ProblemText.columnOf(malformed), DiagnosticCode.TRANSCRIPT_MALFORMED_JSON, ProblemText.ofJson(malformed));
        }
    }

    private void readLine(JsonParser parser, LineFields fields) {
        String name;
        while ((name = parser.nextName()) != null) {
            JsonToken value = parser.nextToken();
            switch (name) {
                case "ts" -> fields.timeMillis = readTimestamp(parser, value);
                case "grant" -> fields.grant = optionalString(parser, value, "grant");
                case "session" -> fields.session = optionalString(parser, value, "session");
                case "agent" -> fields.agent = optionalString(parser, value, "agent");
                case "message" -> readMessage(parser, value, fields);
                case "tool" -> {
                    fields.shorthandTool = requiredString(parser, value, "tool");
                    fields.toolColumn = column(parser);
                }
                case "arguments" -> {
                    fields.hasShorthandArguments = true;
                    fields.arguments = readArguments(parser, value, "arguments");
                }
                case "expect" -> {
                    fields.expect = requiredString(parser, value, "expect");
                    fields.expectColumn = column(parser);
                }
                case "expect_rule" -> {
                    fields.expectRule = requiredString(parser, value, "expect_rule");
                    fields.expectRuleColumn = column(parser);
                }
                case "expect_reason" -> {
                    fields.expectReason = requiredString(parser, value, "expect_reason");
                    fields.expectReasonColumn = column(parser);
                }
                case "transcript" -> fields.header = readHeader(parser, value);
                default -> {
                    if (name.startsWith("expect")) {
                        throw new LineError(column(parser), DiagnosticCode.TRANSCRIPT_UNKNOWN_EXPECT_FIELD, name);
                    }
                    parser.skipChildren();
                }
            }
        }
    }

    private void readMessage(JsonParser parser, JsonToken value, LineFields fields) {
        if (value != JsonToken.START_OBJECT) {
            String expected = value == JsonToken.START_ARRAY
                    ? "one JSON-RPC message object (batches are not supported: put each message on its own line)"
                    : "a JSON-RPC message object";
            throw invalidField(parser, "message", expected, value);
        }
        fields.hasMessage = true;
        fields.messageColumn = column(parser);
        String name;
        while ((name = parser.nextName()) != null) {
            JsonToken token = parser.nextToken();
            switch (name) {
                case "method" -> fields.method = requiredString(parser, token, "message.method");
                case "id" -> fields.requestId = readRequestId(parser, token);
                case "params" -> readParams(parser, token, fields);
                case "result" -> {
                    fields.hasResult = true;
                    fields.resultIsError = readIsError(parser, token);
                }
                case "error" -> {
                    fields.hasError = true;
                    parser.skipChildren();
                }
                default -> parser.skipChildren();
            }
        }
    }

    private void readParams(JsonParser parser, JsonToken token, LineFields fields) {
        if (token != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return;
        }
        String name;
        while ((name = parser.nextName()) != null) {
            JsonToken value = parser.nextToken();
            if (name.equals("name")) {
                fields.paramsName = value == JsonToken.VALUE_STRING ? parser.getString() : null;
                parser.skipChildren();
            } else if (name.equals("arguments")) {
                if (value == JsonToken.START_OBJECT) {
                    fields.arguments = readObject(parser);
                } else if (value != JsonToken.VALUE_NULL) {
                    fields.invalidArguments = describe(parser, value);
                    fields.invalidArgumentsColumn = column(parser);
                    parser.skipChildren();
                }
            } else {
                parser.skipChildren();
            }
        }
    }

    private static boolean readIsError(JsonParser parser, JsonToken token) {
        if (token != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return false;
        }
        boolean isError = false;
        String name;
        while ((name = parser.nextName()) != null) {
            JsonToken value = parser.nextToken();
            if (name.equals("isError")) {
                isError = value == JsonToken.VALUE_TRUE;
            }
            parser.skipChildren();
        }
        return isError;
    }

    private static RequestId readRequestId(JsonParser parser, JsonToken token) {
        return switch (token) {
            case VALUE_STRING -> RequestId.ofString(parser.getString());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> RequestId.ofNumber(parser.getString());
            case VALUE_NULL -> null;
            default -> throw invalidField(parser, "message.id", "a string or a number", token);
        };
    }

    private Map<String, Object> readArguments(JsonParser parser, JsonToken token, String field) {
        if (token == JsonToken.START_OBJECT) {
            return readObject(parser);
        }
        if (token == JsonToken.VALUE_NULL) {
            return Map.of();
        }
        throw invalidField(parser, field, "an object", token);
    }

    private static TranscriptHeader readHeader(JsonParser parser, JsonToken token) {
        if (token != JsonToken.START_OBJECT) {
            throw invalidField(parser, "transcript", "an object with name, description and policy", token);
        }
        String name = null;
        String description = null;
        String policy = null;
        String field;
        while ((field = parser.nextName()) != null) {
            JsonToken value = parser.nextToken();
            switch (field) {
                case "name" -> name = optionalString(parser, value, "transcript.name");
                case "description" -> description = optionalString(parser, value, "transcript.description");
                case "policy" -> policy = optionalString(parser, value, "transcript.policy");
                default -> parser.skipChildren();
            }
        }
        return new TranscriptHeader(name, description, policy);
    }

    private static long readTimestamp(JsonParser parser, JsonToken token) {
        if (token == JsonToken.VALUE_STRING) {
            long millis = Timestamps.parse(parser.getStringCharacters(), parser.getStringOffset(), parser.getStringLength());
            if (millis != Timestamps.INVALID) {
                return millis;
            }
        } else if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return parser.getLongValue();
        }
        throw new LineError(column(parser), DiagnosticCode.TRANSCRIPT_INVALID_TIMESTAMP, describe(parser, token));
    }

    /** Arguments in the shape {@link dev.portcullis.runtime.ToolCall} documents; nesting is bounded by the constraints. */
    private static Map<String, Object> readObject(JsonParser parser) {
        Map<String, Object> object = new LinkedHashMap<>();
        String name;
        while ((name = parser.nextName()) != null) {
            object.put(name, readValue(parser, parser.nextToken()));
        }
        return object;
    }

    private static Object readValue(JsonParser parser, JsonToken token) {
        return switch (token) {
            case START_OBJECT -> readObject(parser);
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                JsonToken element;
                while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
                    array.add(readValue(parser, element));
                }
                yield array;
            }
            case VALUE_STRING -> parser.getString();
            case VALUE_NUMBER_INT -> parser.getNumberValue();
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new LineError(column(parser), DiagnosticCode.TRANSCRIPT_MALFORMED_JSON, "unexpected " + token);
        };
    }

    private static String optionalString(JsonParser parser, JsonToken token, String field) {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        return requiredString(parser, token, field);
    }

    private static String requiredString(JsonParser parser, JsonToken token, String field) {
        if (token != JsonToken.VALUE_STRING) {
            throw invalidField(parser, field, "a string", token);
        }
        return parser.getString();
    }

    private static LineError invalidField(JsonParser parser, String field, String expected, JsonToken found) {
        return new LineError(column(parser), DiagnosticCode.TRANSCRIPT_INVALID_FIELD, field, expected, describe(parser, found));
    }

    private Pattern reasonPattern(String regex) {
        Pattern pattern = reasonPatterns.get(regex);
        if (pattern == null) {
            pattern = Pattern.compile(regex);
            if (reasonPatterns.size() >= MAX_CACHED_PATTERNS) {
                reasonPatterns.clear();
            }
            reasonPatterns.put(regex, pattern);
        }
        return pattern;
    }

    private TranscriptLine broken(int line, int column, DiagnosticCode code, Object... arguments) {
        return new TranscriptLine.BrokenLine(line, Diagnostic.of(code, new SourcePosition(file, line, column), arguments));
    }

    private static int column(JsonParser parser) {
        return Math.max(0, parser.currentTokenLocation().getColumnNr());
    }

    static String describe(JsonParser parser, JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "the string " + quote(parser.getString());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + parser.getString();
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            case VALUE_NULL -> "null";
            default -> token.name().toLowerCase(Locale.ROOT);
        };
    }

    private static String quote(String text) {
        String shown = text.length() > MAX_QUOTED_VALUE ? text.substring(0, MAX_QUOTED_VALUE) + "..." : text;
        return '"' + shown + '"';
    }

    /** A problem with one line; thrown inside the parser only, and without a stack trace since it is expected. */
    private static final class LineError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int column;
        final DiagnosticCode code;
        final transient Object[] arguments;

        LineError(int column, DiagnosticCode code, Object... arguments) {
            super(code.id(), null, false, false);
            this.column = column;
            this.code = code;
            this.arguments = arguments;
        }
    }

    /** What one line said, gathered in any field order and checked once the line's object is closed. */
    private final class LineFields {
        long timeMillis = Timestamps.INVALID;
        String grant;
        String session;
        String agent;
        boolean hasMessage;
        int messageColumn;
        String method;
        RequestId requestId;
        String paramsName;
        Map<String, Object> arguments;
        String invalidArguments;
        int invalidArgumentsColumn;
        boolean hasResult;
        boolean resultIsError;
        boolean hasError;
        String shorthandTool;
        int toolColumn;
        boolean hasShorthandArguments;
        String expect;
        int expectColumn;
        String expectRule;
        int expectRuleColumn;
        String expectReason;
        int expectReasonColumn;
        TranscriptHeader header;

        TranscriptLine build(int line) {
            if (header != null) {
                if (hasMessage || shorthandTool != null) {
                    return broken(line, 1, DiagnosticCode.TRANSCRIPT_INVALID_FIELD, "transcript",
                            "alone on the first line", "'message' or 'tool' beside it");
                }
                return new TranscriptLine.HeaderLine(line, header);
            }
            if (hasMessage && shorthandTool != null) {
                return broken(line, toolColumn, DiagnosticCode.TRANSCRIPT_AMBIGUOUS_LINE);
            }
            if (hasMessage) {
                return buildMessage(line);
            }
            if (shorthandTool != null) {
                if (shorthandTool.isEmpty()) {
                    return broken(line, toolColumn, DiagnosticCode.TRANSCRIPT_MISSING_TOOL_NAME);
                }
                return buildCall(line, shorthandTool, null);
            }
            return broken(line, 1, DiagnosticCode.TRANSCRIPT_NOTHING_TO_REPLAY);
        }

        private TranscriptLine buildMessage(int line) {
            if (hasShorthandArguments) {
                return broken(line, messageColumn, DiagnosticCode.TRANSCRIPT_INVALID_FIELD, "arguments",
                        "inside message.params when 'message' is given", "a top-level 'arguments'");
            }
            if ("tools/call".equals(method)) {
                if (paramsName == null || paramsName.isEmpty()) {
                    return broken(line, messageColumn, DiagnosticCode.TRANSCRIPT_MISSING_TOOL_NAME);
                }
                if (invalidArguments != null) {
                    return broken(line, invalidArgumentsColumn, DiagnosticCode.TRANSCRIPT_INVALID_FIELD,
                            "message.params.arguments", "an object", invalidArguments);
                }
                return buildCall(line, paramsName, requestId);
            }
            TranscriptLine misplaced = misplacedExpectation(line);
            if (misplaced != null) {
                return misplaced;
            }
            if (method != null) {
                return new TranscriptLine.OtherMessageLine(line, method);
            }
            if (hasResult || hasError) {
                return new TranscriptLine.ResponseLine(line, requestId, hasError || resultIsError);
            }
            return broken(line, messageColumn, DiagnosticCode.TRANSCRIPT_NOT_JSON_RPC);
        }

        private TranscriptLine buildCall(int line, String tool, RequestId id) {
            if (timeMillis == Timestamps.INVALID) {
                return broken(line, 1, DiagnosticCode.TRANSCRIPT_MISSING_TIMESTAMP);
            }
            Expectation expectation;
            if (expect == null) {
                expectation = Expectation.IMPLICIT_ALLOW;
            } else {
                Effect effect = effectNamed(expect);
                if (effect == null) {
                    return broken(line, expectColumn, DiagnosticCode.TRANSCRIPT_INVALID_EXPECT, quote(expect));
                }
                expectation = Expectation.of(effect);
            }
            if (expectRule != null) {
                expectation = expectation.withRule(expectRule);
            }
            if (expectReason != null) {
                try {
                    expectation = expectation.withReason(reasonPattern(expectReason));
                } catch (PatternSyntaxException badRegex) {
                    return broken(line, expectReasonColumn, DiagnosticCode.TRANSCRIPT_INVALID_REASON_REGEX,
                            badRegex.getMessage());
                }
            }
            Map<String, Object> callArguments = arguments == null ? Map.of() : arguments;
            return new TranscriptLine.CallLine(line, timeMillis, tool, callArguments, grant, session, agent, id, expectation);
        }

        private TranscriptLine misplacedExpectation(int line) {
            if (expect != null) {
                return broken(line, expectColumn, DiagnosticCode.TRANSCRIPT_EXPECTATION_WITHOUT_CALL, "expect");
            }
            if (expectRule != null) {
                return broken(line, expectRuleColumn, DiagnosticCode.TRANSCRIPT_EXPECTATION_WITHOUT_CALL, "expect_rule");
            }
            if (expectReason != null) {
                return broken(line, expectReasonColumn, DiagnosticCode.TRANSCRIPT_EXPECTATION_WITHOUT_CALL, "expect_reason");
            }
            return null;
        }
    }

    private static Effect effectNamed(String text) {
        for (Effect effect : Effect.values()) {
            if (effect.wireName().equals(text)) {
                return effect;
            }
        }
        return null;
    }
}
