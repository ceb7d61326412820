package dev.portcullis.testkit.replay;

import dev.portcullis.testkit.coverage.CoverageReport;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A whole run: every transcript's result, and coverage per policy.
 *
 * @param transcripts results in the order transcripts ran
 * @param coverage    one report per policy used, in the order policies were first used
 */
public record RunResult(List<TranscriptResult> transcripts, List<CoverageReport> coverage, long durationNanos) {

    public RunResult {
        transcripts = List.copyOf(transcripts);
        coverage = List.copyOf(coverage);
    }

    public int transcriptsRun() {
        return transcripts.size();
    }

    public int failures() {
        return count(TranscriptStatus.FAILED);
    }

    public int errors() {
        return count(TranscriptStatus.ERROR);
    }

    public long calls() {
        return totals().calls();
    }

    /** Every transcript's counts added up. */
    public CallCounts totals() {
        CallCounts totals = CallCounts.NONE;
        for (TranscriptResult result : transcripts) {
            totals = totals.plus(result.counts());
        }
        return totals;
    }

    /** Whether every transcript passed. */
    public boolean successful() {
        return failures() == 0 && errors() == 0;
    }

    /** {@code Transcripts run: 5, Failures: 1, Errors: 0}, as Surefire prints it. */
    public String summary() {
        return "Transcripts run: " + transcriptsRun() + ", Failures: " + failures() + ", Errors: " + errors();
    }

    /**
     * The share of items exercised over every policy whose items are known; empty when none is known.
     */
    public OptionalDouble coveragePercent() {
        long total = 0;
        long exercised = 0;
        for (CoverageReport report : coverage) {
            if (report.modelKnown()) {
                total += report.total();
                exercised += report.exercisedCount();
            }
        }
        if (total == 0) {
            return coverage.stream().anyMatch(CoverageReport::modelKnown) ? OptionalDouble.of(100.0) : OptionalDouble.empty();
        }
        return OptionalDouble.of(100.0 * exercised / total);
    }

    /**
     * The reason a coverage threshold (a percentage, as JaCoCo's {@code check} takes) is not met, or empty
     * when it is. A run whose policies' items are all unknown cannot be measured, and says so.
     */
    public Optional<String> coverageShortfall(double thresholdPercent) {
        if (thresholdPercent <= 0) {
            return Optional.empty();
        }
        OptionalDouble percent = coveragePercent();
        if (percent.isEmpty()) {
            return Optional.of("coverage cannot be measured: no policy's rules are known");
        }
        if (percent.getAsDouble() + 1e-9 >= thresholdPercent) {
            return Optional.empty();
        }
        StringBuilder message = new StringBuilder("coverage ")
                .append(CoverageReport.formatPercent(percent.getAsDouble()))
                .append(" of rules, conditions and limits exercised is below the threshold of ")
                .append(CoverageReport.formatPercent(thresholdPercent));
        for (CoverageReport report : coverage) {
            if (report.modelKnown() && !report.neverHit().isEmpty()) {
                message.append("; ").append(report.summary());
            }
        }
        return Optional.of(message.toString());
    }

    private int count(TranscriptStatus status) {
        int count = 0;
        for (TranscriptResult result : transcripts) {
            if (result.status() == status) {
                count++;
            }
        }
        return count;
    }
}
