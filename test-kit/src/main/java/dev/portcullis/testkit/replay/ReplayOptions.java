package dev.portcullis.testkit.replay;

import dev.portcullis.testkit.transcript.TranscriptLimits;
import java.util.Objects;

/**
 * How the replay engine reads and bounds a transcript.
 *
 * @param limits                    bounds on each line (size, nesting)
 * @param backwardsToleranceMillis  how far a call's {@code ts} may lie before the latest earlier one: recorded
 *                                  clocks jitter, so small steps back are replayed at the latest time seen;
 *                                  a larger step is an error on that line (PC306). 5 minutes by default
 * @param maxPendingResponses       requests allowed by the policy and still awaiting their response; beyond
 *                                  this, the oldest is committed (counted), as a gateway commits a call it no
 *                                  longer tracks. 10,000 by default
 * @param maxRecordedMismatches     mismatches kept per transcript for reports (all are counted). 1,000 by default
 * @param maxRecordedErrors         broken lines kept per transcript (all are counted). 100 by default
 * @param maxTalliedNames           distinct rule ids and tool names tallied per transcript for coverage; more
 *                                  are counted under {@link #OTHER_NAMES}. 10,000 by default
 */
public record ReplayOptions(TranscriptLimits limits, long backwardsToleranceMillis, int maxPendingResponses,
                            int maxRecordedMismatches, int maxRecordedErrors, int maxTalliedNames) {

    /** The tally key for rule ids and tool names beyond {@link #maxTalliedNames}. */
    public static final String OTHER_NAMES = "(other)";

    public static final ReplayOptions DEFAULT = new ReplayOptions(TranscriptLimits.DEFAULT, 5 * 60_000L, 10_000, 1_000, 100, 10_000);

    public ReplayOptions {
        Objects.requireNonNull(limits, "limits");
        if (backwardsToleranceMillis < 0 || maxPendingResponses < 0 || maxRecordedMismatches < 0 || maxRecordedErrors < 0
                || maxTalliedNames <= 0) {
            throw new IllegalArgumentException("replay options must not be negative");
        }
    }

    public ReplayOptions withLimits(TranscriptLimits newLimits) {
        return new ReplayOptions(newLimits, backwardsToleranceMillis, maxPendingResponses, maxRecordedMismatches,
                maxRecordedErrors, maxTalliedNames);
    }

    public ReplayOptions withBackwardsToleranceMillis(long millis) {
        return new ReplayOptions(limits, millis, maxPendingResponses, maxRecordedMismatches, maxRecordedErrors,
                maxTalliedNames);
    }

    public ReplayOptions withMaxPendingResponses(int max) {
        return new ReplayOptions(limits, backwardsToleranceMillis, max, maxRecordedMismatches, maxRecordedErrors,
                maxTalliedNames);
    }

    public ReplayOptions withMaxRecordedMismatches(int max) {
        return new ReplayOptions(limits, backwardsToleranceMillis, maxPendingResponses, max, maxRecordedErrors,
                maxTalliedNames);
    }
}
