package dev.portcullis.testkit.policy;

import dev.portcullis.compiler.codegen.BytecodeCompiler;
import dev.portcullis.compiler.codegen.BytecodeResult;
import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import dev.portcullis.compiler.interpret.PolicyInterpreter;
import dev.portcullis.compiler.ir.Policy;
import dev.portcullis.runtime.CompiledPolicy;
import dev.portcullis.runtime.counter.CounterStore;
import dev.portcullis.runtime.counter.InMemoryCounterStore;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What decides a policy's calls: the reference interpreter, or bytecode generated from the IR, so that
 * {@code --engine interpreted|compiled} can choose and the two can be compared on any transcript.
 */
public interface PolicyEvaluator {

    /** Makes instances of one prepared policy, each counting in the store it is given. */
    @FunctionalInterface
    interface InstanceFactory {
        CompiledPolicy newInstance(CounterStore counters);
    }

    /** {@code interpreted} or {@code compiled}, for reports and command lines. */
    String name();

    /**
     * Prepares a policy whose checks found no error, once (the bytecode compiler compiles it here).
     *
     * @param diagnostics receives why the policy cannot be evaluated this way, if it cannot
     * @return the factory of instances, or empty when the policy cannot be evaluated this way
     */
    Optional<InstanceFactory> prepare(Policy ir, Consumer<Diagnostic> diagnostics);

    /** The reference interpreter. */
    static PolicyEvaluator interpreter() {
        return new PolicyEvaluator() {
            @Override
            public String name() {
                return "interpreted";
            }

            @Override
            public Optional<InstanceFactory> prepare(Policy ir, Consumer<Diagnostic> diagnostics) {
                try {
                    // the interpreter refuses what it cannot run (a regex RE2 rejects): better once, now
                    new PolicyInterpreter(ir, new InMemoryCounterStore());
                } catch (IllegalArgumentException unusable) {
                    diagnostics.accept(Diagnostic.of(DiagnosticCode.MALFORMED_CANONICAL_ELEMENT, ir.position(), unusable.getMessage()));
                    return Optional.empty();
                }
                return Optional.of(counters -> new PolicyInterpreter(ir, counters));
            }
        };
    }

    /** Bytecode generated from the IR and compiled by Janino; a policy that fails to compile is reported (PC200-PC202). */
    static PolicyEvaluator bytecode(BytecodeCompiler compiler) {
        Objects.requireNonNull(compiler, "compiler");
        return new PolicyEvaluator() {
            @Override
            public String name() {
                return "compiled";
            }

            @Override
            public Optional<InstanceFactory> prepare(Policy ir, Consumer<Diagnostic> diagnostics) {
                BytecodeResult compiled = compiler.compile(ir);
                compiled.diagnostics().forEach(diagnostics);
                return compiled.compiled().map(policyClass -> policyClass::instantiate);
            }
        };
    }
}
