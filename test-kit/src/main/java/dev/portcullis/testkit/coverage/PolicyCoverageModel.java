package dev.portcullis.testkit.coverage;

import java.util.ArrayList;
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

    /**
     * The limits an allowed call of {@code tool} is charged against, in the order the policy charges
     * them; empty when unknown. Called for every call replayed, so it must be cheap.
     */
    List<CallLimit> limitsFor(String tool);

    /**
     * A model listing {@code items}; a call is charged against every {@link CoverageItem.Kind#LIMIT LIMIT}
     * item that {@linkplain CoverageItem#appliesTo(String) applies to} its tool.
     */
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

            @Override
            public List<CallLimit> limitsFor(String tool) {
                List<CallLimit> limits = new ArrayList<>();
                for (CoverageItem item : copy) {
                    if (item.kind() == CoverageItem.Kind.LIMIT && item.appliesTo(tool)) {
                        limits.add(CallLimit.ofCounter(item.id()));
                    }
                }
                return limits;
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

            @Override
            public List<CallLimit> limitsFor(String tool) {
                return List.of();
            }
        };
    }
}
