package dev.portcullis.benchmarks.compiler;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.frontend.CanonicalDocument;
import dev.portcullis.compiler.frontend.FrontEndResult;
import dev.portcullis.compiler.frontend.FrontEnds;
import dev.portcullis.compiler.ir.BuildResult;
import dev.portcullis.compiler.ir.IrBuilder;
import dev.portcullis.compiler.ir.Policy;
import dev.portcullis.runtime.ToolCall;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The FHIR-export scenario: default deny; {@code start_fhir_export_job} capped at 10 a minute per grant
 * and its {@code s3_uri} required to start with {@code s3://phi-exports/}; {@code list_*} allowed;
 * {@code delete_*} denied.
 */
final class FhirExportScenario {

    static final String EXPORT = "start_fhir_export_job";
    static final String BUCKET = "s3://phi-exports/";
    static final String COUNTER = "start_fhir_export_job_rate";
    static final long MAX = 10;

    private FhirExportScenario() {
    }

    /** The policy with the scenario's export budget of {@code max} per minute. */
    static Policy policy(long max) {
        String json = """
                {"version": "1", "name": "fhir-export", "default": "deny", "tools": {
                  "start_fhir_export_job": {
                    "require": [{"path": "args.s3_uri", "op": "starts_with", "value": "s3://phi-exports/"}],
                    "limits": [{"counter": "start_fhir_export_job_rate", "window": "minute", "max": %d, "scope": "grant"}]},
                  "list_*": {},
                  "delete_*": {"action": "deny", "reason": "deleting FHIR resources is not allowed"}}}"""
                .formatted(max);
        return build("fhir-export.json", json);
    }

    static Policy build(String fileName, String text) {
        FrontEndResult read = FrontEnds.standard().readAndValidate(fileName, text.getBytes(StandardCharsets.UTF_8));
        CanonicalDocument document = read.document().orElseThrow(() -> new IllegalStateException(read.diagnostics().toString()));
        BuildResult build = IrBuilder.build(document.tree(), document.sourceMap(), "fhir-export");
        if (read.hasErrors() || build.hasErrors()) {
            List<Diagnostic> all = new ArrayList<>(read.diagnostics());
            all.addAll(build.diagnostics());
            throw new IllegalStateException("benchmark policy does not build: " + all);
        }
        return build.policy();
    }

    /**
     * Sixteen calls at one instant from one grant: once the first ten exports have used the minute's
     * budget, every valid export is rate limited. Allowed (list), denied by condition (wrong bucket, no
     * uri), rate limited (export), denied by rule (delete) and by default (unknown tool).
     */
    static ToolCall[] mixedCalls() {
        List<ToolCall> calls = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            calls.add(call("list_patients", Map.of("page", i)));
            calls.add(call("list_export_jobs", Map.of()));
            calls.add(call(EXPORT, Map.of("s3_uri", BUCKET + "job-" + i, "datastore_id", "ds-1")));
            calls.add(call(EXPORT, Map.of("s3_uri", "s3://public-bucket/job-" + i, "datastore_id", "ds-1")));
            calls.add(call("list_datastores", Map.of("max_results", 10)));
            calls.add(call(EXPORT, Map.of("datastore_id", "ds-1")));
            calls.add(call("delete_patient", Map.of("id", "p-" + i)));
            calls.add(call("describe_datastore", Map.of("datastore_id", "ds-1")));
        }
        return calls.toArray(new ToolCall[0]);
    }

    /** Allowed calls only: two list calls and a valid export (under a budget that never runs out). */
    static ToolCall[] allowedCalls() {
        return new ToolCall[] {
            call("list_patients", Map.of("page", 1)),
            call(EXPORT, Map.of("s3_uri", BUCKET + "job-1", "datastore_id", "ds-1")),
            call("list_datastores", Map.of("max_results", 10)),
        };
    }

    /** An export whose {@code s3_uri} is outside the bucket: denied by the condition. */
    static ToolCall wrongBucketCall() {
        return call(EXPORT, Map.of("s3_uri", "s3://public-bucket/job", "datastore_id", "ds-1"));
    }

    private static ToolCall call(String tool, Map<String, Object> arguments) {
        return ToolCall.builder(tool).arguments(arguments).grant("grant-1").session("s-1").timeMillis(1_700_000_000_000L).build();
    }
}
