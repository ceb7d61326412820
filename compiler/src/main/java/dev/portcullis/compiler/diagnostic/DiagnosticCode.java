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
