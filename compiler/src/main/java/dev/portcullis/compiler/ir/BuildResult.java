package dev.portcullis.compiler.ir;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import java.util.List;
import java.util.Objects;

/**
 * What the IR builder made of a canonical document.
 *
 * @param policy      the IR; when {@code diagnostics} holds errors, it leaves out the elements in error
 *                    and must not be evaluated
 * @param diagnostics every problem found, in document order
 */
public record BuildResult(Policy policy, List<Diagnostic> diagnostics) {

    public BuildResult {
        Objects.requireNonNull(policy, "policy");
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
