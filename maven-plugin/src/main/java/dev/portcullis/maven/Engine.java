package dev.portcullis.maven;

import dev.portcullis.compiler.codegen.BytecodeCompiler;
import dev.portcullis.compiler.codegen.CompilationResult;
import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.runtime.loader.PolicyLoadException;
import dev.portcullis.testkit.policy.PolicyEvaluator;
import java.util.Locale;
import java.util.stream.Collectors;

/** What evaluates policies while transcripts are replayed. */
enum Engine {

    /** The reference interpreter, the oracle of what a policy means. */
    INTERPRETER,
    /** The bytecode compiler, as the {@code compile} goal ships policies to the gateway. */
    BYTECODE;

    /** The engine named {@code name} (any case), or an explanation of the names there are. */
    static Engine named(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new IllegalArgumentException("engine must be 'interpreter' or 'bytecode', got '" + name + "'", unknown);
        }
    }

    /**
     * The evaluator for this engine. A policy the bytecode compiler cannot compile is refused (the test
     * kit reports it as a policy error) rather than silently interpreted.
     */
    PolicyEvaluator evaluator() {
        if (this == INTERPRETER) {
            return PolicyEvaluator.INTERPRETER;
        }
        // one compiler per run: its cache makes every transcript after the first reuse the class
        BytecodeCompiler compiler = new BytecodeCompiler();
        return (ir, counters) -> {
            CompilationResult result = compiler.compile(ir);
            if (result.compiled().isEmpty()) {
                throw new IllegalArgumentException(result.diagnostics().stream().map(Diagnostic::toString)
                        .collect(Collectors.joining("; ")));
            }
            try {
                return result.compiled().get().instantiate(counters);
            } catch (PolicyLoadException unusable) {
                throw new IllegalArgumentException(unusable.getMessage(), unusable);
            }
        };
    }
}
