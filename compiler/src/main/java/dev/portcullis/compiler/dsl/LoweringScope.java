package dev.portcullis.compiler.dsl;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import dev.portcullis.compiler.dsl.grammar.PolicyParser;
import dev.portcullis.compiler.source.ForbiddenCharacters;
import dev.portcullis.compiler.source.SourceMap;
import dev.portcullis.compiler.source.SourcePosition;
import java.util.List;
import java.util.function.BiConsumer;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * The file being lowered, within one read: turns tokens into positions, records where each
 * canonical node came from, and collects diagnostics.
 */
final class LoweringScope {

    private final String file;
    private final BiConsumer<String, SourcePosition> positions;
    private final List<Diagnostic> diagnostics;

    /** Records positions straight into {@code sourceMap}. */
    LoweringScope(String file, SourceMap sourceMap, List<Diagnostic> diagnostics) {
        this(file, sourceMap::put, diagnostics);
    }

    /** Hands positions to {@code positions}, for a caller that moves nodes before they join the document. */
    LoweringScope(String file, BiConsumer<String, SourcePosition> positions, List<Diagnostic> diagnostics) {
        this.file = file;
        this.positions = positions;
        this.diagnostics = diagnostics;
    }

    String file() {
        return file;
    }

    SourcePosition at(Token token) {
        return new SourcePosition(file, token.getLine(), token.getCharPositionInLine() + 1);
    }

    SourcePosition at(ParserRuleContext context) {
        return at(context.getStart());
    }

    SourcePosition at(TerminalNode node) {
        return at(node.getSymbol());
    }

    /** Records that the canonical node at {@code pointer} was written at {@code context}. */
    void mark(String pointer, ParserRuleContext context) {
        positions.accept(pointer, at(context));
    }

    void mark(String pointer, Token token) {
        positions.accept(pointer, at(token));
    }

    void error(DiagnosticCode code, SourcePosition position, Object... args) {
        diagnostics.add(Diagnostic.of(code, position, args));
    }

    /** The value of a string literal, with JSON's escapes; a bad escape is reported where it is. */
    String string(TerminalNode literal) {
        Token token = literal.getSymbol();
        String raw = token.getText();
        StringBuilder value = new StringBuilder(raw.length());
        int end = raw.length() - 1;
        for (int i = 1; i < end; i++) {
            char c = raw.charAt(i);
            if (c != '\\') {
                value.append(c);
                continue;
            }
            char escape = raw.charAt(i + 1);
            switch (escape) {
                case '"', '\\', '/' -> value.append(escape);
                case 'b' -> value.append('\b');
                case 'f' -> value.append('\f');
                case 'n' -> value.append('\n');
                case 'r' -> value.append('\r');
                case 't' -> value.append('\t');
                case 'u' -> {
                    String hex = raw.substring(i + 2, Math.min(end, i + 6));
                    if (hex.length() == 4 && hex.chars().allMatch(h -> Character.digit(h, 16) >= 0)) {
                        value.append((char) Integer.parseInt(hex, 16));
                        i += 4;
                    } else {
                        badEscape(token, i, "\\u must be followed by four hex digits");
                    }
                }
                default -> badEscape(token, i, "unknown escape '\\" + escape + "' (write '\\\\' for a backslash)");
            }
            i++;
        }
        checkEscapedCharacters(token, value);
        return value.toString();
    }

    /** Escapes must not smuggle in what the file itself may not hold (the JSON reader refuses it too). */
    private void checkEscapedCharacters(Token token, CharSequence value) {
        int index = ForbiddenCharacters.indexOfFirst(value);
        if (index >= 0) {
            error(DiagnosticCode.CONTROL_CHARACTER, at(token), ForbiddenCharacters.describe(value, index),
                    " (written as an escape sequence in a string)");
        }
    }

    private void badEscape(Token token, int offset, String message) {
        error(DiagnosticCode.DSL_INVALID_STRING,
                new SourcePosition(file, token.getLine(), token.getCharPositionInLine() + offset + 1), message);
    }

    /** A name the user chose: a string literal, or words joined by dots. */
    String text(PolicyParser.TextContext text) {
        if (text.STRING() != null) {
            return string(text.STRING());
        }
        return dotted(text.word());
    }

    static String dotted(List<? extends ParserRuleContext> words) {
        StringBuilder name = new StringBuilder();
        for (ParserRuleContext word : words) {
            if (name.length() > 0) {
                name.append('.');
            }
            name.append(word.getText());
        }
        return name.toString();
    }
}
