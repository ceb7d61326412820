package dev.portcullis.compiler.dsl;

import dev.portcullis.compiler.frontend.FrontEndResult;
import java.util.Map;

/**
 * What reading a {@code .policy} file produced, with the text of every file read (the file and
 * those it includes), so diagnostics can be shown with their source lines.
 *
 * @param result  the canonical document, or the diagnostics that prevented it
 * @param sources file name to text, for each file that could be decoded
 */
public record DslReadResult(FrontEndResult result, Map<String, String> sources) {

    public DslReadResult {
        sources = Map.copyOf(sources);
    }

    /** Every diagnostic with its source line and caret (see {@link DiagnosticRenderer}). */
    public String renderDiagnostics() {
        return DiagnosticRenderer.render(result.diagnostics(), sources);
    }
}
