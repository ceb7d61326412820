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
    private final String engine;
    private final PolicyEvaluator.InstanceFactory instances;
    private final PolicyCoverageModel coverageModel;
    private final Set<String> aliases;

    /**
     * A policy read from {@code file} and prepared by an evaluator named {@code engine}; each
     * {@link #newInstance()} gets empty counters of its own.
     */
    public FilePolicy(String file, Policy ir, String engine, PolicyEvaluator.InstanceFactory instances) {
        this.file = Objects.requireNonNull(file, "file");
        this.ir = Objects.requireNonNull(ir, "ir");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.instances = Objects.requireNonNull(instances, "instances");
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
        return instances.newInstance(new InMemoryCounterStore());
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

    /** The {@linkplain PolicyEvaluator#name() evaluator} deciding its calls: {@code interpreted} or {@code compiled}. */
    public String engine() {
        return engine;
    }

    @Override
    public String toString() {
        return name() + " (" + file + ", " + engine + ")";
    }

    static String baseName(String file) {
        String name = file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? name : name.substring(0, dot);
    }
}
