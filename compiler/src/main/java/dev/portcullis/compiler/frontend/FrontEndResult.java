package dev.portcullis.compiler.frontend;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import java.util.List;
import java.util.Optional;

public record FrontEndResult(Optional<CanonicalDocument> document, List<Diagnostic> diagnostics) {
}
