package dev.portcullis.compiler.generators;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * jqwik arbitraries over {@link RandomPolicies} and {@link RandomCalls}, for property tests in any
 * module (this package is published in the compiler's test-jar). Values come from a seeded
 * {@link java.util.Random}, so a failing case is reproducible from jqwik's reported seed.
 */
public final class PolicyArbitraries {

    private PolicyArbitraries() {
    }

    /** Canonical JSON and Intercept YAML policies, two to one. */
    public static Arbitrary<PolicySample> policies() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, Arbitraries.randomValue(RandomPolicies::canonical)),
                net.jqwik.api.Tuple.of(1, Arbitraries.randomValue(RandomPolicies::intercept)));
    }

    /** Canonical trees whose rules read {@code state.} paths; build them with {@code IrBuilder}, not the schema. */
    public static Arbitrary<PolicySample> policiesWithStatePaths() {
        return Arbitraries.randomValue(RandomPolicies::canonicalWithStatePaths);
    }

    /** Call sequences of {@code length} calls aimed at {@code tools}. */
    public static Arbitrary<List<RandomCalls.CallStep>> calls(List<String> tools, int length) {
        return Arbitraries.randomValue(random -> RandomCalls.sequence(random, tools, length));
    }
}
