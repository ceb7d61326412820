package dev.portcullis.compiler.dsl;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.dsl.grammar.PolicyParser;
import java.util.List;

/**
 * One policy file after parsing: its text (for rendering diagnostics) and its parse tree, which is
 * present only when the file parsed without errors.
 */
record ParsedFile(String file, String text, PolicyParser.DocumentContext tree, List<Diagnostic> diagnostics) {

    ParsedFile {
        diagnostics = List.copyOf(diagnostics);
    }

    boolean parsed() {
        return tree != null;
    }
}
