package dev.portcullis.compiler.diagnostic;

import dev.portcullis.compiler.source.SourcePosition;
import java.util.Objects;

/**
 * One problem found in a policy, pointing at the file the user wrote.
 *
 * @param code     the stable code; tests and docs cite it
 * @param position where the offending element is
 * @param message  the rendered message (the code's template filled in)
 */
public record Diagnostic(DiagnosticCode code, SourcePosition position, String message) {

    public Diagnostic {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(message, "message");
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
