package dev.portcullis.cli;

import dev.portcullis.testkit.policy.FilePolicy;
import java.nio.file.Path;
import dev.portcullis.compiler.codegen.BytecodeCompiler;
import dev.portcullis.compiler.codegen.BytecodeResult;
import dev.portcullis.compiler.codegen.CompiledPolicyClass;
import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.interpret.PolicyInterpreter;
import dev.portcullis.compiler.ir.Policy;
import dev.portcullis.runtime.CompiledPolicy;
import dev.portcullis.runtime.counter.CounterStore;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Which evaluator decides calls ({@code --engine}), so the two can be compared on any input. */
enum Engine {
    /** The policy compiled to bytecode with Janino, as gateways run it. */
    COMPILED,
    /** The reference interpreter over the IR. */
    INTERPRETED;

    /**
     * Prepares the policy once; the function makes an instance counting in the store it is given.
     *
     * @throws CommandFailure (exit code 1) when the bytecode compiler fails on a valid policy: a bug, which
     *                        {@code --engine interpreted} works around
     */
    /** A policy named on the command line, ready for the replay engine, evaluated by this engine. */
    FilePolicy policy(Path file, Policy ir) {
        Function<CounterStore, CompiledPolicy> instances = prepare(ir);
        return new FilePolicy(file.toString().replace('\\', '/'), ir, name().toLowerCase(java.util.Locale.ROOT), instances::apply);
    }

    Function<CounterStore, CompiledPolicy> prepare(Policy policy) {
        if (this == INTERPRETED) {
            return store -> new PolicyInterpreter(policy, store);
        }
        BytecodeResult result = new BytecodeCompiler().compile(policy);
        CompiledPolicyClass compiled = result.compiled().orElseThrow(() -> new CommandFailure(ExitCode.INTERNAL_ERROR,
                "the bytecode compiler failed on policy '" + policy.name() + "' (" + describe(result.diagnostics())
                        + "); --engine interpreted evaluates it"));
        return compiled::instantiate;
    }

    private static String describe(List<Diagnostic> diagnostics) {
        return diagnostics.stream().map(d -> d.code().id() + ": " + d.message()).collect(Collectors.joining("; "));
    }

    /** What shell completion offers for {@code --engine}. */
    static final class Names extends LowerCaseEnums.Candidates {
        private static final long serialVersionUID = 1L;

        Names() {
            super(Engine.class);
        }
    }
}
