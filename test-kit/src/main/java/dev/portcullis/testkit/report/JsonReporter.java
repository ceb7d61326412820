package dev.portcullis.testkit.report;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.runtime.Decision;
import dev.portcullis.runtime.RateLimitDenial;
import dev.portcullis.testkit.coverage.CoverageEntry;
import dev.portcullis.testkit.coverage.CoverageItem;
import dev.portcullis.testkit.coverage.CoverageReport;
import dev.portcullis.testkit.replay.CallCounts;
import dev.portcullis.testkit.replay.Mismatch;
import dev.portcullis.testkit.replay.ReplayListener;
import dev.portcullis.testkit.replay.RunResult;
import dev.portcullis.testkit.replay.TranscriptResult;
import dev.portcullis.testkit.transcript.Expectation;
import dev.portcullis.testkit.transcript.Timestamps;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JsonGenerator;

/**
 * The whole run as one JSON document for tools ({@code portcullis-report.json}), following
 * {@code report-1.schema.json} (in this module's resources under {@code dev/portcullis/testkit/}):
 * summary, every transcript with its counts, mismatches and errors, and coverage per policy.
 */
public final class JsonReporter implements ReplayListener {

    /** The value of the report's {@code format} field; changes only with an incompatible change. */
    public static final String FORMAT = "portcullis-report/1";
    /** The report's JSON Schema, as a class-path resource. */
    public static final String SCHEMA_RESOURCE = "/dev/portcullis/testkit/report-1.schema.json";

    private final Path file;

    public JsonReporter(Path file) {
        this.file = file;
    }

    @Override
    public void runFinished(RunResult run) {
        StringWriter report = new StringWriter();
        write(run, report);
        ReportFiles.write(file, report.toString(), "the JSON report");
    }

    /** Writes the report for {@code run} to {@code out}. */
    public static void write(RunResult run, Writer out) {
        try (JsonGenerator json = JsonOutput.generator(out)) {
            json.writeStartObject();
            JsonOutput.text(json, "format", FORMAT);
            writeSummary(json, run);
            json.writeArrayPropertyStart("transcripts");
            for (TranscriptResult result : run.transcripts()) {
                writeTranscript(json, result);
            }
            json.writeEndArray();
            json.writeArrayPropertyStart("coverage");
            for (CoverageReport coverage : run.coverage()) {
                writeCoverage(json, coverage);
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeRaw('\n');
        }
    }

    private static void writeSummary(JsonGenerator json, RunResult run) {
        CallCounts totals = run.totals();
        json.writeObjectPropertyStart("summary");
        json.writeNumberProperty("transcripts", run.transcriptsRun());
        json.writeNumberProperty("passed", run.transcriptsRun() - run.failures() - run.errors());
        json.writeNumberProperty("failures", run.failures());
        json.writeNumberProperty("errors", run.errors());
        json.writeNumberProperty("calls", totals.calls());
        json.writeNumberProperty("allowed", totals.allowed());
        json.writeNumberProperty("denied", totals.denied());
        json.writeNumberProperty("require_approval", totals.approvalRequired());
        json.writeNumberProperty("duration_ms", run.durationNanos() / 1_000_000);
        if (run.coveragePercent().isPresent()) {
            json.writeNumberProperty("coverage_percent", run.coveragePercent().getAsDouble());
        } else {
            json.writeNullProperty("coverage_percent");
        }
        json.writeEndObject();
    }

    private static void writeTranscript(JsonGenerator json, TranscriptResult result) {
        CallCounts counts = result.counts();
        json.writeStartObject();
        JsonOutput.text(json, "name", result.name());
        JsonOutput.text(json, "title", result.title());
        JsonOutput.text(json, "description", result.header().description());
        JsonOutput.text(json, "policy", result.policy());
        JsonOutput.text(json, "status", result.status().wireName());
        json.writeNumberProperty("lines", counts.lines());
        json.writeNumberProperty("calls", counts.calls());
        json.writeNumberProperty("allowed", counts.allowed());
        json.writeNumberProperty("denied", counts.denied());
        json.writeNumberProperty("require_approval", counts.approvalRequired());
        json.writeNumberProperty("other_messages", counts.otherMessages());
        json.writeNumberProperty("responses", counts.responses());
        json.writeNumberProperty("released", counts.released());
        json.writeNumberProperty("unanswered", counts.unanswered());
        json.writeNumberProperty("evicted", counts.evicted());
        nullableTime(json, "first_call", result.firstCallMillis());
        nullableTime(json, "last_call", result.lastCallMillis());
        json.writeNumberProperty("duration_ms", result.durationNanos() / 1_000_000);
        json.writeNumberProperty("mismatch_count", result.mismatchCount());
        json.writeArrayPropertyStart("mismatches");
        for (Mismatch mismatch : result.mismatches()) {
            writeMismatch(json, mismatch);
        }
        json.writeEndArray();
        json.writeNumberProperty("error_count", result.errorCount());
        json.writeArrayPropertyStart("errors");
        for (Diagnostic error : result.errors()) {
            json.writeStartObject();
            JsonOutput.text(json, "code", error.code().id());
            json.writeNumberProperty("line", error.position().line());
            json.writeNumberProperty("column", error.position().column());
            JsonOutput.text(json, "message", error.message());
            JsonOutput.text(json, "text", error.toString());
            json.writeEndObject();
        }
        json.writeEndArray();
        writeCounts(json, "decisions_by_rule", result.tally().byRule());
        json.writeEndObject();
    }

    private static void writeMismatch(JsonGenerator json, Mismatch mismatch) {
        Expectation expected = mismatch.expected();
        Decision actual = mismatch.actual();
        json.writeStartObject();
        json.writeNumberProperty("line", mismatch.line());
        JsonOutput.text(json, "tool", mismatch.tool());
        JsonOutput.text(json, "ts", Timestamps.format(mismatch.timeMillis()));
        JsonOutput.text(json, "message", mismatch.message());
        JsonOutput.text(json, "text", mismatch.toString());
        json.writeObjectPropertyStart("expected");
        JsonOutput.text(json, "effect", expected.effect().wireName());
        JsonOutput.text(json, "rule", expected.rule());
        JsonOutput.text(json, "reason", expected.reason() == null ? null : expected.reason().pattern());
        json.writeEndObject();
        json.writeObjectPropertyStart("actual");
        JsonOutput.text(json, "effect", actual.effect().wireName());
        JsonOutput.text(json, "rule", actual.ruleId());
        JsonOutput.text(json, "reason", actual.reason());
        RateLimitDenial limit = actual.rateLimit();
        if (limit == null) {
            json.writeNullProperty("rate_limit");
        } else {
            json.writeObjectPropertyStart("rate_limit");
            JsonOutput.text(json, "counter", limit.counter());
            json.writeNumberProperty("max", limit.max());
            json.writeNumberProperty("window_ms", limit.windowMillis());
            json.writeNumberProperty("count", limit.count());
            if (limit.retryAfterMillis() == RateLimitDenial.NEVER) {
                json.writeNullProperty("retry_after_ms");
            } else {
                json.writeNumberProperty("retry_after_ms", limit.retryAfterMillis());
            }
            json.writeEndObject();
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void writeCoverage(JsonGenerator json, CoverageReport coverage) {
        json.writeStartObject();
        JsonOutput.text(json, "policy", coverage.policy());
        json.writeBooleanProperty("model_known", coverage.modelKnown());
        json.writeNumberProperty("exercised", coverage.exercisedCount());
        json.writeNumberProperty("total", coverage.total());
        json.writeNumberProperty("percent", coverage.percent());
        json.writeArrayPropertyStart("items");
        for (CoverageEntry entry : coverage.entries()) {
            CoverageItem item = entry.item();
            json.writeStartObject();
            JsonOutput.text(json, "id", item.id());
            JsonOutput.text(json, "kind", item.kind().wireName());
            JsonOutput.text(json, "description", item.description());
            json.writeNumberProperty("decisions", entry.decisions());
            json.writeNumberProperty("charged", entry.charged());
            json.writeBooleanProperty("exercised", entry.exercised());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayPropertyStart("never_hit");
        for (CoverageItem item : coverage.neverHit()) {
            json.writeString(Markup.wellFormed(item.id()));
        }
        json.writeEndArray();
        writeCounts(json, "unlisted", coverage.unlisted());
        json.writeEndObject();
    }

    private static void writeCounts(JsonGenerator json, String name, Map<String, Long> counts) {
        json.writeObjectPropertyStart(name);
        for (Map.Entry<String, Long> count : new TreeMap<>(counts).entrySet()) {
            json.writeNumberProperty(Markup.wellFormed(count.getKey()), count.getValue());
        }
        json.writeEndObject();
    }

    private static void nullableTime(JsonGenerator json, String name, long millis) {
        if (millis == Long.MIN_VALUE) {
            json.writeNullProperty(name);
        } else {
            json.writeStringProperty(name, Timestamps.format(millis));
        }
    }
}
