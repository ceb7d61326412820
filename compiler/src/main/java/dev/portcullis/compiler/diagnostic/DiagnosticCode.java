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

    // --- IR building and static checks (PC050-PC099) ---
    MALFORMED_CANONICAL_ELEMENT(50, Severity.ERROR, "%s"),
    INVALID_REGEX(51, Severity.ERROR, "invalid regular expression '%s' (RE2 syntax): %s"),
    COUNTER_REDEFINED(52, Severity.ERROR, "counter '%s' is defined again with a different %s: %s here, %s at %s"),
    UNKNOWN_STATE_COUNTER(53, Severity.ERROR, "condition reads '%s' but no limit or declaration defines counter '%s'"),
    HIDDEN_TOOL_CONFIGURED(54, Severity.WARNING, "tool '%s' is hidden, so its entry never applies (hidden tools are always denied)"),
    SHADOWED_RULE(55, Severity.WARNING, "%s can never decide: '%s' before it denies every call"),
    INVALID_MAX(56, Severity.ERROR, "max must be a positive integer, got %s"),
    PATH_NOT_ARGS(57, Severity.ERROR, "%s must be an 'args.' path, got %s"),
    UNKNOWN_TOOL(58, Severity.WARNING, "tool '%s' is not in the tools list%s"),
    UNKNOWN_ARGUMENT(59, Severity.WARNING, "'%s' is not an argument of tool '%s' (its inputSchema has %s)"),
    IMPOSSIBLE_CONDITION(60, Severity.WARNING, "condition can never hold: %s"),
    OPERATOR_VALUE_MISMATCH(61, Severity.ERROR, "operator '%s' needs %s value, got %s"),
    INVALID_PATH(62, Severity.ERROR, "path must be 'args.<name>[.<name>...]' or 'state.<scope>.<counter>', got %s"),
    UNDEFINED_COUNTER(63, Severity.ERROR, "limit on counter '%s' has no %s and no declaration under 'counters' gives one"),
    INVALID_WINDOW(64, Severity.ERROR, "window must be \"second\", \"minute\", \"hour\", \"day\" or a positive whole number of seconds, got %s"),
    INVALID_INCREMENT(65, Severity.ERROR, "increment must be a positive integer, got %s"),
    UNUSED_COUNTER(66, Severity.WARNING, "counter '%s' is declared but no limit or condition uses it"),
    GLOB_MATCHES_NO_TOOL(67, Severity.WARNING, "'%s' matches no tool in the tools list"),
    INVALID_TOOLS_LIST(68, Severity.ERROR, "cannot use the tools list: %s"),
    DUPLICATE_RULE_ID(69, Severity.WARNING, "rule id '%s' is used more than once for tool entry '%s', so decisions cannot tell these rules apart"),
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
