package dev.portcullis.cli;

import dev.portcullis.compiler.ir.Policy;
import dev.portcullis.runtime.CompiledPolicy;
import dev.portcullis.runtime.counter.CounterStore;
import dev.portcullis.runtime.counter.InMemoryCounterStore;
import dev.portcullis.testkit.coverage.PolicyCoverageModel;
import dev.portcullis.testkit.policy.IrCoverageModel;
import dev.portcullis.testkit.replay.PolicyUnderTest;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * A policy named on the command line, ready for the replay engine: every instance has empty counters
 * of its own. Transcripts may select it by its name or by its file name without extension.
 */
final class LoadedPolicy implements PolicyUnderTest {

    private final Policy ir;
    private final Function<CounterStore, CompiledPolicy> instances;
    private final Set<String> aliases;
    private final PolicyCoverageModel coverage;

    LoadedPolicy(Path file, Policy ir, Engine engine) {
        this.ir = Objects.requireNonNull(ir, "ir");
        this.instances = engine.prepare(ir);
        String baseName = baseName(file);
        this.aliases = baseName.equals(ir.name()) ? Set.of() : Set.of(baseName);
        this.coverage = IrCoverageModel.of(ir);
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
        return instances.apply(new InMemoryCounterStore());
    }

    @Override
    public PolicyCoverageModel coverageModel() {
        return coverage;
    }

    private static String baseName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? name : name.substring(0, dot);
    }
}
