package dev.portcullis.compiler.dsl;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import dev.portcullis.compiler.source.SourcePosition;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/** Turns parser reports into diagnostics, and gives up once there are too many to be useful. */
final class SyntaxErrorCollector extends BaseErrorListener {

    static final int MAX_ERRORS = 50;

    private final String file;
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    SyntaxErrorCollector(String file) {
        this.file = file;
    }

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int charPositionInLine,
            String message, RecognitionException e) {
        SourcePosition position = new SourcePosition(file, line, charPositionInLine + 1);
        if (offendingSymbol instanceof Token token && token.getType() == Token.EOF
                && recognizer instanceof Parser parser && parser.getInputStream().LT(-1) != null) {
            // "expected '}', found the end of the file" is best shown right after the last thing written
            Token last = parser.getInputStream().LT(-1);
            position = new SourcePosition(file, last.getLine(),
                    last.getCharPositionInLine() + last.getText().codePointCount(0, last.getText().length()) + 1);
        }
        if (diagnostics.size() == MAX_ERRORS) {
            diagnostics.add(Diagnostic.of(DiagnosticCode.DSL_TOO_MANY_ERRORS, position, MAX_ERRORS));
            throw new ParseCancellationException("too many errors");
        }
        diagnostics.add(Diagnostic.of(DiagnosticCode.DSL_SYNTAX_ERROR, position, message));
    }

    List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
