package dev.portcullis.testkit.policy;

import dev.portcullis.compiler.interpret.PolicyInterpreter;
import dev.portcullis.compiler.ir.Policy;
import dev.portcullis.runtime.CompiledPolicy;
import dev.portcullis.runtime.counter.CounterStore;

/**
 * Turns a policy's IR into something that decides calls, with its counters in the given store: the
 * reference interpreter, or (once it exists) the bytecode compiler, so that {@code --engine} can choose.
 */
@FunctionalInterface
public interface PolicyEvaluator {

    /** The reference interpreter. */
    PolicyEvaluator INTERPRETER = PolicyInterpreter::new;

    /**
     * @throws IllegalArgumentException when the IR cannot be evaluated (for example a regex that does not compile)
     */
    CompiledPolicy create(Policy ir, CounterStore counters);
}
