package dev.portcullis.compiler.diagnostic;

import java.util.Locale;

/**
 * Every diagnostic Portcullis reports, with a stable code, a severity and a message template
 * ({@link String#format} syntax). Tests and docs cite the code; the message may improve, the code
 * never changes and is never reused.
 *
 * <p>Ranges: PC001-PC049 reading and schema validation of policy files, PC050-PC099 static checks
 * over the IR, PC100-PC199 the DSL, PC200-PC249 the bytecode compiler, PC300-PC349 transcripts.
 */
public enum DiagnosticCode {

    // --- reading and schema validation (PC001-PC049) ---
    UNREADABLE_FILE(1, Severity.ERROR, "cannot read policy file: %s"),
    MALFORMED_JSON(2, Severity.ERROR, "malformed JSON: %s"),
    MALFORMED_YAML(3, Severity.ERROR, "malformed YAML: %s"),
    UNKNOWN_FORMAT(4, Severity.ERROR, "unknown policy format '%s' (expected .json, .yaml, .yml or .policy)"),

    // --- transcripts (PC300-PC349); documented in docs/transcripts.md ---
    TRANSCRIPT_UNREADABLE(300, Severity.ERROR, "cannot read transcript: %s"),
    TRANSCRIPT_MALFORMED_JSON(301, Severity.ERROR, "malformed JSON: %s"),
    TRANSCRIPT_LINE_NOT_OBJECT(302, Severity.ERROR, "a transcript line must be one JSON object, found %s"),
    TRANSCRIPT_LINE_TOO_LARGE(303, Severity.ERROR, "line rejected: %s"),
    TRANSCRIPT_MISSING_TIMESTAMP(304, Severity.ERROR, "a tools/call line needs 'ts' (an RFC 3339 date-time or epoch milliseconds)"),
    TRANSCRIPT_INVALID_TIMESTAMP(305, Severity.ERROR, "'ts' must be an RFC 3339 date-time or epoch milliseconds, found %s"),
    TRANSCRIPT_TIME_WENT_BACKWARDS(306, Severity.ERROR, "'ts' %s is %s before %s, an earlier line's time; at most %s backwards is tolerated"),
    TRANSCRIPT_MISSING_TOOL_NAME(307, Severity.ERROR, "tools/call without a tool name (params.name must be a string)"),
    TRANSCRIPT_INVALID_FIELD(308, Severity.ERROR, "'%s' must be %s, found %s"),
    TRANSCRIPT_INVALID_EXPECT(309, Severity.ERROR, "'expect' must be \"allow\", \"deny\" or \"require_approval\", found %s"),
    TRANSCRIPT_INVALID_REASON_REGEX(310, Severity.ERROR, "'expect_reason' is not a valid RE2 regular expression: %s"),
    TRANSCRIPT_UNKNOWN_EXPECT_FIELD(311, Severity.ERROR, "unknown field '%s' (the expectation fields are expect, expect_rule and expect_reason)"),
    TRANSCRIPT_EXPECTATION_WITHOUT_CALL(312, Severity.ERROR, "'%s' on a line that is not a tools/call; expectations apply to calls only"),
    TRANSCRIPT_HEADER_NOT_FIRST(313, Severity.ERROR, "the {\"transcript\": ...} header must be the first line"),
    TRANSCRIPT_AMBIGUOUS_LINE(314, Severity.ERROR, "a line has either 'message' or the shorthand 'tool', not both"),
    TRANSCRIPT_NOTHING_TO_REPLAY(315, Severity.ERROR, "a line needs 'message' (a JSON-RPC message), 'tool' (a shorthand call) or 'transcript' (the header)"),
    TRANSCRIPT_NOT_JSON_RPC(316, Severity.ERROR, "'message' is neither a JSON-RPC request (it has no 'method') nor a response (it has no 'result' or 'error')"),
    TRANSCRIPT_NO_POLICY(317, Severity.ERROR, "no policy for this transcript: %s"),
    TRANSCRIPT_POLICY_UNAVAILABLE(318, Severity.ERROR, "policy '%s' could not be instantiated: %s"),
    ;

    private final int number;
    private final Severity severity;
    private final String template;

    DiagnosticCode(int number, Severity severity, String template) {
        this.number = number;
        this.severity = severity;
        this.template = template;
    }

    /** The stable id, e.g. {@code PC021}. */
    public String id() {
        return String.format(Locale.ROOT, "PC%03d", number);
    }

    public Severity severity() {
        return severity;
    }

    public String template() {
        return template;
    }

    public String format(Object... args) {
        return String.format(Locale.ROOT, template, args);
    }

    /** The code with this id ({@code PC021}), for fixtures and tools that cite codes. */
    public static DiagnosticCode byId(String id) {
        for (DiagnosticCode code : values()) {
            if (code.id().equals(id)) {
                return code;
            }
        }
        throw new IllegalArgumentException("no diagnostic code " + id);
    }
}
