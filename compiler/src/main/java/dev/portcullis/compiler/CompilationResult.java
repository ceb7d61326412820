package dev.portcullis.compiler;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.diagnostic.Severity;
import dev.portcullis.compiler.interpret.PolicyInterpreter;
import dev.portcullis.compiler.ir.Policy;
import dev.portcullis.runtime.CompiledPolicy;
import dev.portcullis.runtime.counter.CounterStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What compiling one policy produced: its IR and every diagnostic (IR building and checks), sorted by
 * position.
 *
 * @param ir          the IR as built; when there are errors it leaves out the elements in error, so
 *                    {@link #policy()} withholds it
 * @param diagnostics errors and warnings, by file, line and column
 */
public record CompilationResult(Policy ir, List<Diagnostic> diagnostics) {

    public CompilationResult {
        Objects.requireNonNull(ir, "ir");
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(Diagnostic::isError).toList();
    }

    public List<Diagnostic> warnings() {
        return diagnostics.stream().filter(d -> d.severity() == Severity.WARNING).toList();
    }

    /** The IR, present only when there is no error: the input for evaluators and code generators. */
    public Optional<Policy> policy() {
        return hasErrors() ? Optional.empty() : Optional.of(ir);
    }

    /**
     * The reference interpreter of the policy, keeping its counters in {@code store}.
     *
     * @throws IllegalStateException when the policy has errors (the message lists them)
     */
    public CompiledPolicy interpreter(CounterStore store) {
        if (hasErrors()) {
            throw new IllegalStateException("policy '" + ir.name() + "' has errors:\n" + errors().stream()
                    .map(Diagnostic::toString).collect(Collectors.joining("\n")));
        }
        return new PolicyInterpreter(ir, store);
    }
}
