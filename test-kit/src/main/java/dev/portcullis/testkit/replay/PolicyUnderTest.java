package dev.portcullis.testkit.replay;

import dev.portcullis.runtime.CompiledPolicy;
import dev.portcullis.testkit.coverage.PolicyCoverageModel;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A policy as the replay engine needs it: a name, a way to make a fresh instance (with fresh counters)
 * for every transcript, so transcripts are independent of each other and of the order they run in, and
 * what the policy consists of, for coverage.
 */
public interface PolicyUnderTest {

    /** The name reports use, and that transcripts select the policy by. */
    String name();

    /** Other names transcripts may select the policy by (a header's {@code policy}, a folder name). */
    default Set<String> aliases() {
        return Set.of();
    }

    /** A new instance whose counters are empty. Called once per transcript. */
    CompiledPolicy newInstance();

    /** The policy's rules, conditions and limits; {@link PolicyCoverageModel#unknown()} when not known. */
    PolicyCoverageModel coverageModel();

    static PolicyUnderTest of(String name, Supplier<? extends CompiledPolicy> factory) {
        return of(name, factory, PolicyCoverageModel.unknown());
    }

    static PolicyUnderTest of(String name, Supplier<? extends CompiledPolicy> factory, PolicyCoverageModel coverageModel) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(coverageModel, "coverageModel");
        return new PolicyUnderTest() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public CompiledPolicy newInstance() {
                return factory.get();
            }

            @Override
            public PolicyCoverageModel coverageModel() {
                return coverageModel;
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
