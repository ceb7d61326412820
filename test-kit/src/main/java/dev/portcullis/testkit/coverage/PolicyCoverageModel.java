package dev.portcullis.testkit.coverage;

import java.util.List;

/**
 * What a policy consists of, for coverage: its rules, conditions and limits. Built from the compiler's
 * IR for real policies; a policy known only as a {@link dev.portcullis.runtime.CompiledPolicy} has an
 * {@linkplain #unknown() unknown} model, and coverage then lists only what decisions named.
 */
public interface PolicyCoverageModel {

    /** Every item of the policy, in policy order. Empty when unknown. */
    List<CoverageItem> items();

    /** Whether {@link #items()} is the policy's full list, so that never-hit items can be named. */
    boolean isKnown();

    static PolicyCoverageModel of(List<CoverageItem> items) {
        List<CoverageItem> copy = List.copyOf(items);
        return new PolicyCoverageModel() {
            @Override
            public List<CoverageItem> items() {
                return copy;
            }

            @Override
            public boolean isKnown() {
                return true;
            }
        };
    }

    static PolicyCoverageModel unknown() {
        return new PolicyCoverageModel() {
            @Override
            public List<CoverageItem> items() {
                return List.of();
            }

            @Override
            public boolean isKnown() {
                return false;
            }
        };
    }
}
