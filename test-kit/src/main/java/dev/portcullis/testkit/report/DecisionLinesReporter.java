package dev.portcullis.testkit.report;

import dev.portcullis.runtime.Decision;
import dev.portcullis.runtime.RateLimitDenial;
import dev.portcullis.testkit.replay.CallOutcome;
import dev.portcullis.testkit.replay.ReplayListener;
import dev.portcullis.testkit.replay.RunResult;
import dev.portcullis.testkit.replay.TranscriptResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import tools.jackson.core.JsonGenerator;

/**
 * One JSON object per decided {@code tools/call}, in transcript order, keys sorted, nothing else: the
 * output of {@code portcullis decide}, made to be diffed between engines and piped to {@code jq}.
 *
 * <pre>
 * {"effect":"deny","line":12,"reason":"...","retry_after_ms":48000,"rule":"start_fhir_export_job_rate","tool":"start_fhir_export_job"}
 * </pre>
 *
 * <p>Keys: {@code effect} ({@code allow}, {@code deny}, {@code require_approval}), {@code line},
 * {@code reason}, {@code rule}, {@code tool}; when a rate limit denied the call also {@code count},
 * {@code counter}, {@code max}, {@code retry_after_ms} ({@code null} when no wait helps) and {@code window_ms}.
 * The writer is flushed after each transcript and never closed.
 */
public final class DecisionLinesReporter implements ReplayListener {

    private final Writer out;
    private final JsonGenerator json;

    public DecisionLinesReporter(Writer out) {
        this.out = out;
        this.json = JsonOutput.generator(out);
    }

    @Override
    public void callDecided(CallOutcome outcome) {
        Decision decision = outcome.decision();
        RateLimitDenial limit = decision.rateLimit();
        json.writeStartObject();
        if (limit != null) {
            json.writeNumberProperty("count", limit.count());
            JsonOutput.text(json, "counter", limit.counter());
        }
        JsonOutput.text(json, "effect", decision.effect().wireName());
        json.writeNumberProperty("line", outcome.line());
        if (limit != null) {
            json.writeNumberProperty("max", limit.max());
        }
        JsonOutput.text(json, "reason", decision.reason());
        if (limit != null) {
            if (limit.retryAfterMillis() == RateLimitDenial.NEVER) {
                json.writeNullProperty("retry_after_ms");
            } else {
                json.writeNumberProperty("retry_after_ms", limit.retryAfterMillis());
            }
        }
        JsonOutput.text(json, "rule", decision.ruleId());
        JsonOutput.text(json, "tool", outcome.call().tool());
        if (limit != null) {
            json.writeNumberProperty("window_ms", limit.windowMillis());
        }
        json.writeEndObject();
        json.writeRaw('\n');
    }

    @Override
    public void transcriptFinished(TranscriptResult result) {
        flush();
    }

    @Override
    public void runFinished(RunResult result) {
        flush();
    }

    private void flush() {
        json.flush();
        try {
            out.flush();
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }
}
