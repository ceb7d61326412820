package dev.portcullis.testkit.policy;

import dev.portcullis.compiler.ir.Policy;
import dev.portcullis.runtime.CompiledPolicy;
import dev.portcullis.runtime.counter.InMemoryCounterStore;
import dev.portcullis.testkit.coverage.PolicyCoverageModel;
import dev.portcullis.testkit.replay.PolicyUnderTest;
import java.util.Objects;
import java.util.Set;

/**
 * A policy read from a file, ready to replay transcripts against: each {@link #newInstance()} has its own
 * empty in-memory counters. Named by the policy's {@code name} (which defaults to the file name without
 * extension); the file name without extension is also accepted as an alias, so a transcript folder may
 * be named after either.
 */
public final class FilePolicy implements PolicyUnderTest {

    private final String file;
    private final Policy ir;
    private final PolicyEvaluator evaluator;
    private final PolicyCoverageModel coverageModel;
    private final Set<String> aliases;

    FilePolicy(String file, Policy ir, PolicyEvaluator evaluator) {
        this.file = Objects.requireNonNull(file, "file");
        this.ir = Objects.requireNonNull(ir, "ir");
        this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
        this.coverageModel = IrCoverageModel.of(ir);
        String baseName = baseName(file);
        this.aliases = baseName.equals(ir.name()) ? Set.of() : Set.of(baseName);
    }

    @Override
    public String name() {
        return ir.name();
    }

    @Override
    public Set<String> aliases() {
        return aliases;
    }

    @Override
    public CompiledPolicy newInstance() {
        return evaluator.create(ir, new InMemoryCounterStore());
    }

    @Override
    public PolicyCoverageModel coverageModel() {
        return coverageModel;
    }

    /** The file as diagnostics name it. */
    public String file() {
        return file;
    }

    /** The policy's IR. */
    public Policy ir() {
        return ir;
    }

    @Override
    public String toString() {
        return name() + " (" + file + ")";
    }

    static String baseName(String file) {
        String name = file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? name : name.substring(0, dot);
    }
}
