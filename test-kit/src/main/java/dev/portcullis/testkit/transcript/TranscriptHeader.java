package dev.portcullis.testkit.transcript;

import java.util.Optional;

/**
 * The optional first line of a transcript, {@code {"transcript": {"name": ..., "description": ...,
 * "policy": ...}}}. Every field may be {@code null}.
 *
 * @param name        a title for reports
 * @param description what the transcript shows
 * @param policy      the name of the policy the transcript is replayed against, when a project has several
 */
public record TranscriptHeader(String name, String description, String policy) {

    /** The header of a transcript without a header line. */
    public static final TranscriptHeader NONE = new TranscriptHeader(null, null, null);

    public Optional<String> declaredPolicy() {
        return Optional.ofNullable(policy);
    }

    /** The header's name, or {@code fallback} (usually the file name) when it has none. */
    public String titleOr(String fallback) {
        return name == null || name.isBlank() ? fallback : name;
    }
}
