package dev.portcullis.benchmarks.compiler;

import dev.portcullis.runtime.Decision;
import dev.portcullis.runtime.RateLimitDenial;
import dev.portcullis.runtime.ToolCall;
import dev.portcullis.runtime.counter.Algorithm;
import dev.portcullis.runtime.counter.CounterSpec;
import dev.portcullis.runtime.counter.CounterStore;
import dev.portcullis.runtime.counter.RateCounter;
import dev.portcullis.runtime.eval.DecisionTexts;

/**
 * The FHIR-export rules written by hand in plain Java, as a developer would without a policy engine:
 * the practical limit for compiled code. Same decisions (effect, rule, reason) as the policy.
 */
final class HandwrittenFhirPolicy {

    private static final Decision EXPORT_ALLOWED = Decision.allow("tools.start_fhir_export_job",
            "Allowed by rule \"tools.start_fhir_export_job\"");
    private static final Decision LIST_ALLOWED = Decision.allow("tools.list_*", "Allowed by rule \"tools.list_*\"");
    private static final Decision WRONG_BUCKET = Decision.deny("tools.start_fhir_export_job.require[0]",
            "Denied by rule \"tools.start_fhir_export_job.require[0]\": requires args.s3_uri starts_with \"s3://phi-exports/\"");
    private static final Decision DELETE_DENIED = Decision.deny("tools.delete_*", "deleting FHIR resources is not allowed");

    private final RateCounter exports;

    HandwrittenFhirPolicy(CounterStore store, long max) {
        exports = store.counter(new CounterSpec(FhirExportScenario.COUNTER, Algorithm.FIXED, max, 60_000));
    }

    Decision decide(ToolCall call) {
        String tool = call.tool();
        if (tool.equals(FhirExportScenario.EXPORT)) {
            if (!(call.arguments().get("s3_uri") instanceof String uri && uri.startsWith(FhirExportScenario.BUCKET))) {
                return WRONG_BUCKET;
            }
            return chargeExport(call);
        }
        if (tool.startsWith("list_")) {
            return LIST_ALLOWED;
        }
        if (tool.startsWith("delete_")) {
            return DELETE_DENIED;
        }
        return Decision.deny("default", DecisionTexts.notPermitted(tool));
    }

    /** The export's limit, once its condition holds: allowed, or rate limited with the policy's words. */
    Decision chargeExport(ToolCall call) {
        String grant = call.grant() == null ? "" : call.grant();
        long retryAfter = exports.tryAcquire(grant, 1, call.timeMillis());
        if (retryAfter != 0) {
            CounterSpec spec = exports.spec();
            RateLimitDenial denial = new RateLimitDenial(spec.name(), spec.max(), spec.windowMillis(),
                    exports.count(grant, call.timeMillis()), retryAfter);
            return Decision.rateLimited(denial, DecisionTexts.rateLimited(spec.name(),
                    spec.max() + " per minute per grant", spec.max(), null, 1, denial));
        }
        return EXPORT_ALLOWED;
    }
}
