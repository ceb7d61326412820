package dev.portcullis.runtime;

/** What the gateway does with a {@code tools/call}. */
public enum Effect {
    /** Forward the call to the upstream MCP server. */
    ALLOW,
    /** Refuse the call; the decision's reason says why. */
    DENY,
    /** Hold the call until a person approves it. Such a call consumes no rate-limit quota. */
    REQUIRE_APPROVAL;

    /** The lower-case spelling used in policy files, transcripts and reports ({@code require_approval}). */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
