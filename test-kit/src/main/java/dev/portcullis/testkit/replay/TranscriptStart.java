package dev.portcullis.testkit.replay;

import dev.portcullis.testkit.transcript.TranscriptHeader;
import dev.portcullis.testkit.transcript.TranscriptSource;

/**
 * A transcript about to be replayed.
 *
 * @param policy the name of the policy it is replayed against, or {@code null} when none could be chosen
 */
public record TranscriptStart(TranscriptSource source, TranscriptHeader header, String policy) {
}
