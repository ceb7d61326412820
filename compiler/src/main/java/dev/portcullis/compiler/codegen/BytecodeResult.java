package dev.portcullis.compiler.codegen;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the bytecode compiler made of a policy: the compiled class, or the diagnostics (PC200-PC249)
 * saying why there is none; a caller may then fall back to the interpreter.
 */
public record BytecodeResult(Optional<CompiledPolicyClass> compiled, List<Diagnostic> diagnostics) {

    public BytecodeResult {
        Objects.requireNonNull(compiled, "compiled");
        diagnostics = List.copyOf(diagnostics);
        if (compiled.isEmpty() && diagnostics.stream().noneMatch(Diagnostic::isError)) {
            throw new IllegalArgumentException("a failed compilation must say why");
        }
    }

    public boolean succeeded() {
        return compiled.isPresent();
    }
}
