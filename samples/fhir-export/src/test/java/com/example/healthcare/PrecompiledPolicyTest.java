package com.example.healthcare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portcullis.runtime.CompiledPolicy;
import dev.portcullis.runtime.Decision;
import dev.portcullis.runtime.Effect;
import dev.portcullis.runtime.ToolCall;
import dev.portcullis.runtime.counter.InMemoryCounterStore;
import dev.portcullis.runtime.loader.PolicyLoader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a gateway does with this project's jar: load the precompiled policy from the class path with
 * the Portcullis runtime alone, and decide calls with it.
 */
class PrecompiledPolicyTest {

    private final CompiledPolicy policy =
            PolicyLoader.load(getClass().getClassLoader(), "healthlake", new InMemoryCounterStore());

    @Test
    void theJarCarriesThePolicy() {
        assertEquals(List.of("healthlake"), PolicyLoader.policies(getClass().getClassLoader()));
    }

    @Test
    void tenExportsAMinutePerGrantThenDenied() {
        long start = Instant.parse("2026-11-26T10:00:00Z").toEpochMilli();
        for (int export = 1; export <= 10; export++) {
            assertEquals(Effect.ALLOW, policy.decide(export(start + export * 1_000L)).effect());
        }
        Decision eleventh = policy.decide(export(start + 11_000L));
        assertEquals(Effect.DENY, eleventh.effect());
        assertEquals("start_fhir_export_job_rate", eleventh.ruleId());
    }

    @Test
    void deletesAreNeverAllowed() {
        ToolCall delete = ToolCall.builder("delete_fhir_resource")
                .arguments(Map.of("datastore_id", "a1b2c3d4e5f60718293a4b5c6d7e8f90", "resource_type", "Patient",
                        "resource_id", "8d1c6a52-4a1e-4bd5-9d2b-5f0d7a3c9e11"))
                .grant("nightly-exports").timeMillis(0).build();
        assertEquals(Effect.DENY, policy.decide(delete).effect());
    }

    private static ToolCall export(long timeMillis) {
        return ToolCall.builder("start_fhir_export_job")
                .arguments(Map.of(
                        "datastore_id", "a1b2c3d4e5f60718293a4b5c6d7e8f90",
                        "output_data_config", Map.of("s3_configuration", Map.of("s3_uri", "s3://phi-exports/nightly/")),
                        "data_access_role_arn", "arn:aws:iam::123456789012:role/HealthLakeExportRole"))
                .grant("nightly-exports")
                .timeMillis(timeMillis)
                .build();
    }
}
