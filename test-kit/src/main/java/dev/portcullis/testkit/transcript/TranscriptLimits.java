package dev.portcullis.testkit.transcript;

/**
 * Bounds that keep a hostile or corrupt transcript from exhausting memory or the stack. A line over a
 * bound is reported as broken (PC303) and the reader goes on with the next line.
 *
 * @param maxLineBytes    the longest line, in bytes, that is parsed; longer lines are skipped unread
 * @param maxNestingDepth the deepest nesting of JSON objects and arrays within a line
 * @param maxNumberLength the most digits in one JSON number
 */
public record TranscriptLimits(int maxLineBytes, int maxNestingDepth, int maxNumberLength) {

    /** 1 MiB lines, nesting 64 deep, numbers of at most 100 digits. */
    public static final TranscriptLimits DEFAULT = new TranscriptLimits(1 << 20, 64, 100);

    public TranscriptLimits {
        if (maxLineBytes <= 0 || maxNestingDepth <= 0 || maxNumberLength <= 0) {
            throw new IllegalArgumentException("limits must be positive: " + maxLineBytes + ", " + maxNestingDepth
                    + ", " + maxNumberLength);
        }
    }

    public TranscriptLimits withMaxLineBytes(int bytes) {
        return new TranscriptLimits(bytes, maxNestingDepth, maxNumberLength);
    }

    public TranscriptLimits withMaxNestingDepth(int depth) {
        return new TranscriptLimits(maxLineBytes, depth, maxNumberLength);
    }
}
