package dev.portcullis.testkit.transcript;

import com.google.re2j.Pattern;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonToken;

/**
 * The words a transcript diagnostic (PC3xx) gives for a library's exception: the core of its message on
 * one line, without what describes the library rather than the transcript. The diagnostic's own
 * {@code file:line:col} says where; Jackson's location ({@code [Source: REDACTED ...]}), its hints after
 * the first line, the getter behind a read constraint and Java class names mean nothing to the person
 * fixing a transcript.
 */
public final class ProblemText {

    /** {@code (start marker at [Source: ...])}, and any other parenthesis that only holds a Jackson location. */
    private static final Pattern LOCATION_IN_PARENTHESES = Pattern.compile("\\s*\\([^()\\[\\]]*\\[Source:[^\\]]*\\]\\)");
    private static final Pattern LOCATION = Pattern.compile("\\s*(?:at )?\\[Source:[^\\]]*\\]");
    /** {@code , from `StreamReadConstraints.getMaxNumberLength()`}: where Jackson's limit is configured. */
    private static final Pattern CONFIGURED_IN = Pattern.compile(", from `[^`]*`");
    /** {@code java.io.IOException: } in front of a wrapped exception's message. */
    private static final Pattern CLASS_NAME_PREFIX = Pattern.compile("^(?:[A-Za-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error): ");

    private ProblemText() {
    }

    /** Jackson's own description of a JSON problem, e.g. {@code Unexpected end-of-input: expected close marker for Object}. */
    public static String ofJson(JacksonException problem) {
        String message = firstLine(problem.getOriginalMessage());
        message = LOCATION_IN_PARENTHESES.matcher(message).replaceAll("");
        message = LOCATION.matcher(message).replaceAll("");
        message = CONFIGURED_IN.matcher(message).replaceAll("").strip();
        for (JsonToken token : JsonToken.values()) {
            // "Unexpected end-of-input in VALUE_STRING"
            if (message.contains(token.name())) {
                message = message.replace(token.name(), words(token));
            }
        }
        return message.isEmpty() ? "unreadable JSON" : message;
    }

    private static String words(JsonToken token) {
        return switch (token) {
            case START_OBJECT, END_OBJECT -> "an object";
            case START_ARRAY, END_ARRAY -> "an array";
            case PROPERTY_NAME -> "a property name";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            default -> token.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        };
    }

    /** The 1-based column of the problem within the one line Jackson parsed, or 0 when it gives none. */
    public static int columnOf(JacksonException problem) {
        return problem.getLocation() == null ? 0 : Math.max(0, problem.getLocation().getColumnNr());
    }

    /** What went wrong, for an exception from reading a transcript or making a policy instance. */
    public static String of(Throwable failure) {
        if (failure instanceof JacksonException json) {
            return ofJson(json);
        }
        if (failure instanceof FileSystemException file && file.getReason() == null && file.getFile() != null) {
            // these say only the file's name; the type says what happened to it
            String what = failure instanceof NoSuchFileException ? "no such file"
                    : failure instanceof AccessDeniedException ? "access denied" : "cannot be opened";
            return file.getFile() + ": " + what;
        }
        String message = firstLine(failure.getMessage());
        String previous;
        do {
            previous = message;
            message = CLASS_NAME_PREFIX.matcher(message).replaceFirst("");
        } while (!message.equals(previous));
        message = message.strip();
        return message.isEmpty() ? failure.getClass().getSimpleName() : message;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int lineBreak = message.indexOf('\n');
        return (lineBreak < 0 ? message : message.substring(0, lineBreak)).strip();
    }
}
