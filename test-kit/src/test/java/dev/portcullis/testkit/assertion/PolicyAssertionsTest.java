package dev.portcullis.testkit.assertion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.testkit.fixture.FhirExportFixturePolicy;
import dev.portcullis.testkit.policy.PolicyLoader;
import dev.portcullis.testkit.replay.PolicyUnderTest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyAssertionsTest {

    private static final Map<String, Object> PHI_EXPORT = Map.of("datastore_id", "0123456789abcdef0123456789abcdef",
            "output_data_config", Map.of("s3_configuration", Map.of("s3_uri", "s3://phi-exports/nightly/")));

    private final PolicyUnderTest healthlake = PolicyLoader.standard()
            .load(Path.of("src/test/resources/e2e/fhir-export.json")).policy().orElseThrow();

    @Test
    void theEleventhExportInAMinuteIsRateLimitedAndTheNextMinuteIsNot() {
        PolicyAssert policy = PolicyAssertions.assertThat(healthlake).onDay("2026-11-26");
        for (int second = 0; second < 10; second++) {
            policy.deciding("start_fhir_export_job").withArguments(PHI_EXPORT).grant("ci-runner").at("10:00:0" + second).isAllowed();
        }
        policy.deciding("start_fhir_export_job").withArguments(PHI_EXPORT).grant("ci-runner").at("10:00:11")
                .isRateLimitedBy("start_fhir_export_job_rate").withReasonMatching("retry after \\d+ s").withRetryAfterMillis(49_000);
        policy.deciding("start_fhir_export_job").withArguments(PHI_EXPORT).grant("another-grant").at("10:00:12").isAllowed();
        policy.deciding("start_fhir_export_job").withArguments(PHI_EXPORT).grant("ci-runner").at("2026-11-26T10:01:00Z").isAllowed();
    }

    @Test
    void rulesApprovalAndDefaults() {
        PolicyAssert policy = PolicyAssertions.assertThat(healthlake);
        policy.deciding("delete_fhir_resource").at("00:00:01").isDeniedBy("tools.delete_fhir_resource")
                .withReasonMatching("may not delete");
        policy.deciding("start_fhir_import_job").at("00:00:02").requiresApproval();
        policy.deciding("drop_database").at("00:00:03").isDeniedBy("default");
        policy.deciding("start_fhir_export_job").withArguments(Map.of()).at("00:00:04").isDenied();
    }

    @Test
    void aWrongExpectationFailsWithTheCallAndTheDecision() {
        PolicyAssert policy = PolicyAssertions.assertThat(FhirExportFixturePolicy.underTest("p", false));
        assertThatThrownBy(() -> policy.deciding("delete_fhir_resource").at("10:00:00").isAllowed())
                .isInstanceOf(AssertionError.class)
                .hasMessage("delete_fhir_resource at 1970-01-01T10:00:00Z: expected ALLOW but was DENY by no_deletes: "
                        + "deleting FHIR resources is not allowed (rule no_deletes)");
        assertThatThrownBy(() -> policy.deciding("delete_fhir_resource").at("10:00:00").isDeniedBy("other"))
                .hasMessageContaining("expected DENY by other but was DENY by no_deletes");
        assertThatThrownBy(() -> policy.deciding("delete_fhir_resource").at("10:00:00").isRateLimitedBy("no_deletes"))
                .hasMessageContaining("the denial carries no rate-limit details");
        assertThatThrownBy(() -> policy.deciding("delete_fhir_resource").at("10:00:00").isDenied().withReasonMatching("^budget"))
                .hasMessageContaining("expected a reason matching /^budget/ but was \"deleting FHIR resources is not allowed\"");
        assertThatThrownBy(() -> policy.deciding("x").at("noon")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'noon' is neither");
    }

    @Test
    void decideReturnsTheDecisionForCustomChecks() {
        assertThat(PolicyAssertions.assertThat(healthlake).deciding("list_datastores").at("10:00:00").decide().ruleId())
                .isEqualTo("tools.list_datastores");
    }
}
