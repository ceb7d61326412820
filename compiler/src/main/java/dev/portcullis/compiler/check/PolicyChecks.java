package dev.portcullis.compiler.check;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.ir.Policy;
import java.util.ArrayList;
import java.util.List;

/** The standard checks, run in a fixed order so their diagnostics come out in a stable order. */
public final class PolicyChecks {

    private PolicyChecks() {
    }

    /** Every check Portcullis ships, each with its own code. */
    public static List<PolicyCheck> standard() {
        return List.of(
                new RegexSyntaxCheck(),
                new StateCounterCheck(),
                new CounterRangeCheck(),
                new SlidingWindowCostCheck(),
                new HiddenToolConfiguredCheck(),
                new ShadowedRuleCheck(),
                new ImpossibleConditionCheck(),
                new DuplicateRuleIdCheck(),
                new UnusedCounterCheck(),
                new UnknownToolCheck(),
                new UnmatchedGlobCheck(),
                new UnknownArgumentCheck());
    }

    /** Runs {@code checks} over a policy and returns what they report. */
    public static List<Diagnostic> run(Policy policy, CheckContext context, List<PolicyCheck> checks) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        for (PolicyCheck check : checks) {
            check.check(policy, context, diagnostics::add);
        }
        return List.copyOf(diagnostics);
    }
}
