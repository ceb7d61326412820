package dev.portcullis.compiler.dsl;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import java.util.List;
import java.util.Map;

/**
 * Diagnostics the way compilers print them: {@code file:line:col: error PC100: message}, then the
 * source line and a caret under the column.
 *
 * <pre>
 * healthlake.policy:4:3: error PC100: expected 'allow', 'deny', 'require', 'limit', 'rule' or '}', found 'alow'; did you mean 'allow'?
 *   alow
 *   ^
 * </pre>
 */
public final class DiagnosticRenderer {

    /** Lines longer than this are shown as a window around the column. */
    private static final int SHOWN_LINE = 120;

    private DiagnosticRenderer() {
    }

    /**
     * Renders {@code diagnostic}, quoting its line from {@code source} (the text of the file it
     * points into); without the text, or without a line, only the first line is rendered.
     */
    public static String render(Diagnostic diagnostic, String source) {
        StringBuilder out = new StringBuilder(diagnostic.toString());
        int line = diagnostic.position().line();
        int column = diagnostic.position().column();
        String text = source == null || line <= 0 ? null : line(source, line);
        if (text == null) {
            return out.toString();
        }
        int offset = column <= 0 ? 0 : charOffset(text, column - 1);
        int start = 0;
        String prefix = "";
        if (text.length() > SHOWN_LINE) {
            start = Math.max(0, Math.min(offset - SHOWN_LINE / 2, text.length() - SHOWN_LINE));
            prefix = start > 0 ? "..." : "";
            text = prefix + text.substring(start, Math.min(text.length(), start + SHOWN_LINE))
                    + (start + SHOWN_LINE < text.length() ? "..." : "");
        }
        out.append('\n').append(text);
        if (column > 0) {
            out.append('\n');
            String before = text.substring(0, Math.min(text.length(), prefix.length() + offset - start));
            before.codePoints().forEach(c -> out.append(c == '\t' ? '\t' : ' '));
            out.append('^');
        }
        return out.toString();
    }

    /** Renders each diagnostic with the text of its own file, one after another. */
    public static String render(List<Diagnostic> diagnostics, Map<String, String> sources) {
        StringBuilder out = new StringBuilder();
        for (Diagnostic diagnostic : diagnostics) {
            out.append(render(diagnostic, sources.get(diagnostic.position().file()))).append('\n');
        }
        return out.toString();
    }

    private static String line(String source, int number) {
        int start = 0;
        for (int current = 1; current < number; current++) {
            int newline = source.indexOf('\n', start);
            if (newline < 0) {
                return null;
            }
            start = newline + 1;
        }
        int end = source.indexOf('\n', start);
        String line = end < 0 ? source.substring(start) : source.substring(start, end);
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    /** Columns count code points; Java strings count UTF-16 units. */
    private static int charOffset(String text, int codePoints) {
        int offset = 0;
        for (int i = 0; i < codePoints && offset < text.length(); i++) {
            offset = text.offsetByCodePoints(offset, 1);
        }
        return offset;
    }
}
