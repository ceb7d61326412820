package dev.portcullis.compiler.diagnostic;

import dev.portcullis.compiler.source.SourcePosition;
import java.util.Locale;
import java.util.Objects;

/**
 * One problem found in a policy, pointing at the file the user wrote.
 *
 * <p>A message is always one line: line breaks and other control characters that a policy's own
 * text brings into it (a field name or value quoted back) are written as escapes such as
 * {@code \n}, so a hostile policy cannot forge further {@code file:line:col: error ...} lines in a
 * build log.
 *
 * @param code     the stable code; tests and docs cite it
 * @param position where the offending element is
 * @param message  the rendered message (the code's template filled in)
 */
public record Diagnostic(DiagnosticCode code, SourcePosition position, String message) {

    public Diagnostic {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(position, "position");
        message = oneLine(Objects.requireNonNull(message, "message"));
    }

    private static String oneLine(String message) {
        int first = 0;
        while (first < message.length() && !breaksTheLine(message.charAt(first))) {
            first++;
        }
        if (first == message.length()) {
            return message;
        }
        StringBuilder escaped = new StringBuilder(message.length() + 8).append(message, 0, first);
        for (int i = first; i < message.length(); i++) {
            char c = message.charAt(i);
            if (!breaksTheLine(c)) {
                escaped.append(c);
            } else if (c == '\n') {
                escaped.append("\\n");
            } else if (c == '\r') {
                escaped.append("\\r");
            } else {
                escaped.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            }
        }
        return escaped.toString();
    }

    /** C0 and C1 controls other than tab, DEL, and the Unicode line and paragraph separators. */
    private static boolean breaksTheLine(char c) {
        return (c < 0x20 && c != '\t') || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029;
    }

    /** Renders {@code code}'s template with {@code args} (as {@link String#format}). */
    public static Diagnostic of(DiagnosticCode code, SourcePosition position, Object... args) {
        return new Diagnostic(code, position, code.format(args));
    }

    public Severity severity() {
        return code.severity();
    }

    public boolean isError() {
        return code.severity() == Severity.ERROR;
    }

    /** {@code file:line:col: error PC021: message}, the form compilers print and editors link. */
    @Override
    public String toString() {
        return position + ": " + severity().label() + " " + code.id() + ": " + message;
    }
}
