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

    // --- the .policy DSL (PC100-PC199) ---
    DSL_SYNTAX_ERROR(100, Severity.ERROR, "%s"),
    DSL_INVALID_UTF8(101, Severity.ERROR, "the file is not valid UTF-8: %s"),
    DSL_BINARY_CONTENT(102, Severity.ERROR, "the file contains a NUL byte; a policy file is text"),
    DSL_FILE_TOO_LARGE(103, Severity.ERROR, "the file has %d bytes; a policy file may have at most %d"),
    DSL_NESTING_TOO_DEEP(104, Severity.ERROR, "nesting is deeper than %d levels"),
    DSL_TOO_MANY_ERRORS(105, Severity.ERROR, "too many errors; stopped after %d"),
    DSL_INVALID_STRING(106, Severity.ERROR, "invalid string: %s"),
    DSL_UNKNOWN_COUNTER(107, Severity.ERROR, "no counter named '%s' is declared%s"),
    DSL_DUPLICATE_COUNTER(108, Severity.ERROR, "counter '%s' is already declared at %s"),
    DSL_DUPLICATE_TOOL(109, Severity.ERROR, "tool '%s' is already declared at %s"),
    DSL_DUPLICATE_SETTING(110, Severity.ERROR, "%s is already given at %s"),
    DSL_CONFLICTING_DEFAULT(111, Severity.ERROR, "'default %s' conflicts with 'default %s' at %s"),
    DSL_INVALID_REGEX(112, Severity.ERROR, "invalid regular expression: %s"),
    DSL_INVALID_NUMBER(113, Severity.ERROR, "%s must be a positive whole number, not %s"),
    DSL_INVALID_WINDOW(114, Severity.ERROR, "invalid window '%s': %s"),
    DSL_INCLUDE_CYCLE(115, Severity.ERROR, "include cycle: %s"),
    DSL_INCLUDE_UNREADABLE(116, Severity.ERROR, "cannot include \"%s\": %s"),
    DSL_INCLUDE_TOO_DEEP(117, Severity.ERROR, "includes are nested more than %d files deep"),
    DSL_COUNTER_REDEFINED(118, Severity.ERROR, "counter '%s' is declared at %s; write 'limit %s' to use it, or pick another name"),
    DSL_UNNAMED_LIMIT_CLASH(119, Severity.ERROR, "this unnamed limit would use the counter '%s', which %s also uses; give it a name: 'limit <name> = ...'"),
    DSL_DUPLICATE_KEY(120, Severity.ERROR, "duplicate key \"%s\" in a JSON object (first at %s)"),
    DSL_INVALID_PATH_SEGMENT(121, Severity.ERROR, "a path segment cannot contain '.': \"%s\""),
    DSL_UNKNOWN_STATE_COUNTER(122, Severity.ERROR, "'%s' names no counter of this policy%s"),
    DSL_DUPLICATE_LIMIT_OPTION(123, Severity.ERROR, "%s is already given in this limit"),
    DSL_INCLUDED_FIELD_NOT_MERGEABLE(124, Severity.ERROR, "cannot merge \"%s\" from an included JSON document; only default, hide, counters, all_tools and tools are merged"),
    DSL_INCLUDE_UNAVAILABLE(125, Severity.ERROR, "cannot include \"%s\": includes are not enabled for this reader"),
    DSL_INCLUDED_FIELD_MALFORMED(126, Severity.ERROR, "\"%s\" in an included JSON document must be %s"),
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
