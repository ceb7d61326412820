package dev.portcullis.maven;

import dev.portcullis.compiler.codegen.BytecodeCompiler;
import dev.portcullis.testkit.policy.PolicyEvaluator;
import java.util.Locale;

/**
 * What evaluates policies while transcripts are replayed, by the names the command line uses too
 * ({@code --engine interpreted|compiled}).
 */
enum Engine {

    /** The reference interpreter, the oracle of what a policy means. */
    INTERPRETED,
    /** Bytecode from the Janino compiler, as the {@code compile} goal ships policies to the gateway. */
    COMPILED;

    /** The engine named {@code name} (any case), or an explanation of the names there are. */
    static Engine named(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new IllegalArgumentException("engine must be 'interpreted' or 'compiled', got '" + name + "'", unknown);
        }
    }

    /**
     * The evaluator. A policy the bytecode compiler cannot compile is reported as a policy error
     * (PC200-PC202), never silently interpreted instead.
     */
    PolicyEvaluator evaluator() {
        return this == INTERPRETED ? PolicyEvaluator.interpreter() : PolicyEvaluator.bytecode(new BytecodeCompiler());
    }
}
