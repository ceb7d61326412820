package dev.portcullis.compiler.dsl;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.dsl.grammar.PolicyParser;
import java.util.List;

/**
 * One policy file after parsing: its text (for rendering diagnostics) and its parse tree, which is
 * present only when the file parsed without errors.
 *
 * @param file        the file's name as shown to users
 * @param text        the decoded text, or null when the bytes could not be decoded
 * @param tree        the parse tree, or null after any error
 * @param json        for a file that is one JSON object: its text with comments blanked out
 *                    (positions unchanged), ready for the JSON front end; otherwise null
 * @param diagnostics problems found while decoding and parsing
 */
record ParsedFile(String file, String text, PolicyParser.DocumentContext tree, String json,
        List<Diagnostic> diagnostics) {

    ParsedFile {
        diagnostics = List.copyOf(diagnostics);
    }

    static ParsedFile failed(String file, String text, List<Diagnostic> diagnostics) {
        return new ParsedFile(file, text, null, null, diagnostics);
    }

    boolean parsed() {
        return tree != null;
    }
}
