package dev.portcullis.testkit.assertion;

import dev.portcullis.runtime.CompiledPolicy;
import dev.portcullis.testkit.replay.PolicyUnderTest;

/**
 * Fluent assertions for hand-written policy tests, with any test framework (failures are
 * {@link AssertionError}s):
 *
 * <pre>{@code
 * PolicyAssert policy = PolicyAssertions.assertThat(healthlake).onDay("2026-11-26");
 * for (int i = 0; i < 10; i++) {
 *     policy.deciding("start_fhir_export_job").withArguments(phiExport).grant("ci-runner").at("10:00:0" + i).isAllowed();
 * }
 * policy.deciding("start_fhir_export_job").withArguments(phiExport).grant("ci-runner").at("10:00:11")
 *       .isDeniedBy("start_fhir_export_job_rate").withReasonMatching("retry after \\d+ s");
 * }</pre>
 *
 * <p>One {@link PolicyAssert} keeps one policy instance, so its counters carry over from call to call.
 */
public final class PolicyAssertions {

    private PolicyAssertions() {
    }

    /** Assertions on a fresh instance of {@code policy} (empty counters). */
    public static PolicyAssert assertThat(PolicyUnderTest policy) {
        return new PolicyAssert(policy.newInstance());
    }

    /** Assertions on this instance; its counters are used and changed. */
    public static PolicyAssert assertThat(CompiledPolicy policy) {
        return new PolicyAssert(policy);
    }
}
