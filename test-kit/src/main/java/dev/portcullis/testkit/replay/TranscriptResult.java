package dev.portcullis.testkit.replay;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.testkit.coverage.DecisionTally;
import dev.portcullis.testkit.transcript.TranscriptHeader;
import dev.portcullis.testkit.transcript.TranscriptSource;
import java.util.List;

/**
 * One transcript replayed.
 *
 * @param policy          the policy's name, or {@code null} when none could be chosen
 * @param mismatches      the first {@link ReplayOptions#maxRecordedMismatches()} mismatches, in line order
 * @param mismatchCount   every mismatch
 * @param errors          the first {@link ReplayOptions#maxRecordedErrors()} problems (broken lines, an
 *                        unreadable file, no policy), each with its {@code file:line:col} and PC3xx code
 * @param errorCount      every problem
 * @param firstCallMillis the virtual time of the first call, or {@code Long.MIN_VALUE} without calls
 * @param lastCallMillis  the virtual time of the last call, or {@code Long.MIN_VALUE} without calls
 * @param durationNanos   wall time the replay took
 */
public record TranscriptResult(TranscriptSource source, TranscriptHeader header, String policy, CallCounts counts,
                               List<Mismatch> mismatches, long mismatchCount, List<Diagnostic> errors, long errorCount,
                               DecisionTally tally, long firstCallMillis, long lastCallMillis, long durationNanos) {

    public TranscriptResult {
        mismatches = List.copyOf(mismatches);
        errors = List.copyOf(errors);
    }

    /** The name reports use for locations: the path relative to the transcript directory. */
    public String name() {
        return source.name();
    }

    /** The header's name, or the file name without {@code .jsonl}. */
    public String title() {
        return header.titleOr(source.baseName());
    }

    public TranscriptStatus status() {
        if (errorCount > 0) {
            return TranscriptStatus.ERROR;
        }
        return mismatchCount > 0 ? TranscriptStatus.FAILED : TranscriptStatus.PASSED;
    }

    public boolean passed() {
        return status() == TranscriptStatus.PASSED;
    }
}
