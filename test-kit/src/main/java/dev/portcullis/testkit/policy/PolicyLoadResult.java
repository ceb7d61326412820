package dev.portcullis.testkit.policy;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One policy file read: the policy when it has no error, and every diagnostic (errors and warnings),
 * each with its {@code file:line:col} and code.
 */
public record PolicyLoadResult(String file, Optional<FilePolicy> policy, List<Diagnostic> diagnostics) {

    public PolicyLoadResult {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(policy, "policy");
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
