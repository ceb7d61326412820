package dev.portcullis.compiler;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.diagnostic.Severity;
import dev.portcullis.compiler.interpret.PolicyInterpreter;
import dev.portcullis.compiler.ir.Policy;
import dev.portcullis.runtime.CompiledPolicy;
import dev.portcullis.runtime.counter.CounterStore;
import dev.portcullis.runtime.counter.InMemoryCounterStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What compiling one policy produced: its IR and every diagnostic (reading, schema, IR building and
 * checks), sorted by position.
 *
 * @param built       the IR as built, absent when reading the file failed; when there are errors it
 *                    leaves out the elements in error, so {@link #policy()} withholds it
 * @param diagnostics errors and warnings, by file, line and column
 */
public record CompilationResult(Optional<Policy> built, List<Diagnostic> diagnostics) {

    public CompilationResult {
        Objects.requireNonNull(built, "built");
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
        return hasErrors() ? Optional.empty() : built;
    }

    /**
     * The reference interpreter of the policy, keeping its counters in {@code store}.
     *
     * @throws IllegalStateException when the policy has errors (the message lists them)
     */
    public CompiledPolicy interpreter(CounterStore store) {
        Objects.requireNonNull(store, "store");
        Policy policy = policy().orElseThrow(() -> new IllegalStateException("the policy has errors:\n"
                + errors().stream().map(Diagnostic::toString).collect(Collectors.joining("\n"))));
        return new PolicyInterpreter(policy, store);
    }

    /** The reference interpreter with its own in-memory counters. */
    public CompiledPolicy interpreter() {
        return interpreter(new InMemoryCounterStore());
    }
}
