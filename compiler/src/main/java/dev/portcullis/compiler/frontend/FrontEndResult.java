package dev.portcullis.compiler.frontend;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a front end made of a file: the canonical document when one could be built, and every
 * diagnostic found, sorted by position.
 *
 * <p>A document may come with errors: a PolicyLayer JSON file with a duplicate key still yields its
 * tree so that schema validation can report the file's other errors in the same run. Callers must
 * check {@link #hasErrors()} before building anything from the document.
 *
 * @param document    the canonical document, when the input could be turned into one
 * @param diagnostics errors and warnings, in file order
 */
public record FrontEndResult(Optional<CanonicalDocument> document, List<Diagnostic> diagnostics) {

    private static final Comparator<Diagnostic> FILE_ORDER = Comparator
            .comparing((Diagnostic d) -> d.position().line())
            .thenComparing(d -> d.position().column());

    public FrontEndResult {
        Objects.requireNonNull(document, "document");
        List<Diagnostic> sorted = new ArrayList<>(diagnostics);
        sorted.sort(FILE_ORDER);
        diagnostics = List.copyOf(sorted);
    }

    /** A result without a document. */
    public static FrontEndResult failed(List<Diagnostic> diagnostics) {
        return new FrontEndResult(Optional.empty(), diagnostics);
    }

    /** A result with a document and the diagnostics found while building it. */
    public static FrontEndResult of(CanonicalDocument document, List<Diagnostic> diagnostics) {
        return new FrontEndResult(Optional.of(document), diagnostics);
    }

    /** True when any diagnostic is an error: the policy must not be used. */
    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    /** This result with {@code more} diagnostics added (e.g. from schema validation). */
    public FrontEndResult withDiagnostics(List<Diagnostic> more) {
        List<Diagnostic> all = new ArrayList<>(diagnostics);
        all.addAll(more);
        return new FrontEndResult(document, all);
    }
}
