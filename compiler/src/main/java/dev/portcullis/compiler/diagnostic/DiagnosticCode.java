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
    EMPTY_FILE(5, Severity.ERROR, "policy file is empty"),
    FILE_TOO_LARGE(6, Severity.ERROR, "policy file is %d bytes; the limit is %d bytes"),
    INVALID_UTF8(7, Severity.ERROR, "policy file is not valid UTF-8: %s"),
    CONTROL_CHARACTER(8, Severity.ERROR, "character %s is not allowed in a policy%s"),
    INPUT_LIMIT_EXCEEDED(9, Severity.ERROR, "policy exceeds a safety limit: %s"),
    DUPLICATE_KEY(10, Severity.ERROR, "duplicate key '%s' (first at line %d): the policy would be ambiguous"),
    NOT_AN_OBJECT(11, Severity.ERROR, "a policy must be an object at the top level, found %s"),
    YAML_ALIAS_LIMIT(12, Severity.ERROR, "YAML aliases expand to more than %d values; refusing to expand them"),
    UNDEFINED_YAML_ALIAS(13, Severity.ERROR, "YAML alias '*%s' refers to no anchor completed before it"),
    MULTIPLE_DOCUMENTS(14, Severity.ERROR, "a policy file holds one document, found a second one"),
    UNKNOWN_FIELD(15, Severity.ERROR, "unknown field '%s' in %s%s"),
    WRONG_TYPE(16, Severity.ERROR, "%s must be %s, found %s"),
    INVALID_VALUE(17, Severity.ERROR, "%s must be %s, found %s%s"),
    MISSING_FIELD(18, Severity.ERROR, "%s is missing required field '%s'"),
    OUT_OF_RANGE(19, Severity.ERROR, "%s must be %s, found %s"),
    INVALID_FORMAT(20, Severity.ERROR, "%s must be %s, found %s"),
    DUPLICATE_ENTRY(21, Severity.ERROR, "%s lists %s more than once"),
    SCHEMA_VIOLATION(22, Severity.ERROR, "%s: %s"),
    INVALID_REGEX(23, Severity.ERROR, "invalid regex \"%s\": %s"),
    DENY_RULE_WITH_CONDITIONS(24, Severity.ERROR, "deny rules must not have conditions%s"),
    EVALUATE_RULE_WITHOUT_CONDITIONS(25, Severity.ERROR, "evaluate rules must have at least one condition%s"),
    STATE_BLOCK_MISSING(26, Severity.ERROR, "condition references %s but no matching state block found"),
    RATE_LIMIT_INVALID(27, Severity.ERROR, "rate_limit \"%s\": %s"),
    RATE_LIMIT_COMBINED(28, Severity.ERROR, "rate_limit cannot be combined with conditions or state; use separate rules or the full syntax"),
    RATE_LIMIT_WITH_ACTION(29, Severity.ERROR, "rate_limit cannot be used with action \"%s\""),
    DUPLICATE_STATE_COUNTER(30, Severity.ERROR, "duplicate state counter \"%s\" (also used by rules[%d])"),
    STATE_CONDITION_UNSUPPORTED(31, Severity.ERROR, "condition on %s cannot be enforced as a quota: %s"),
    STATE_COUNTER_UNUSED(32, Severity.WARNING, "state counter \"%s\" has no lt/lte condition in its rule, so it limits nothing; it is ignored"),
    TOO_MANY_DIAGNOSTICS(33, Severity.ERROR, "%d more problems, errors among them, are not shown; only the first %d are reported"),
    TOO_MANY_WARNINGS(34, Severity.WARNING, "%d more warnings are not shown; only the first %d are reported"),

    // PC051 was an IR-level duplicate of INVALID_REGEX (PC023); retired, never reuse.
    // --- IR building and static checks (PC050-PC099) ---
    MALFORMED_CANONICAL_ELEMENT(50, Severity.ERROR, "%s"),
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
    COUNTER_OUT_OF_RANGE(70, Severity.ERROR, "%s"),
    SLIDING_WINDOW_UNDER_LOCK(71, Severity.WARNING, "counter '%s' is a sliding window of %d per window: above %d per window "
            + "a sliding window is counted under a short per-key lock and keeps up to %d entries per key; "
            + "'fixed' and 'token_bucket' count any budget lock-free"),

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
    // --- the .policy DSL (PC100-PC199); reading limits, encoding, duplicate JSON keys and regexes use
    // the shared codes above (PC006-PC010, PC023) ---
    DSL_SYNTAX_ERROR(100, Severity.ERROR, "%s"),
    DSL_TOO_MANY_ERRORS(101, Severity.ERROR, "too many errors; stopped after %d"),
    DSL_INVALID_STRING(102, Severity.ERROR, "invalid string: %s"),
    DSL_UNKNOWN_COUNTER(103, Severity.ERROR, "no counter named '%s' is declared%s"),
    DSL_DUPLICATE_COUNTER(104, Severity.ERROR, "counter '%s' is already declared at %s"),
    DSL_DUPLICATE_TOOL(105, Severity.ERROR, "tool '%s' is already declared at %s"),
    DSL_DUPLICATE_SETTING(106, Severity.ERROR, "%s is already given at %s"),
    DSL_CONFLICTING_DEFAULT(107, Severity.ERROR, "'default %s' conflicts with 'default %s' at %s"),
    DSL_INVALID_NUMBER(108, Severity.ERROR, "%s must be a positive whole number, not %s"),
    DSL_INVALID_WINDOW(109, Severity.ERROR, "invalid window '%s': %s"),
    DSL_INCLUDE_CYCLE(110, Severity.ERROR, "include cycle: %s"),
    DSL_INCLUDE_UNREADABLE(111, Severity.ERROR, "cannot include \"%s\": %s"),
    DSL_INCLUDE_TOO_DEEP(112, Severity.ERROR, "includes are nested more than %d files deep"),
    DSL_INCLUDE_UNAVAILABLE(113, Severity.ERROR, "cannot include \"%s\": includes are not enabled for this reader"),
    DSL_COUNTER_REDEFINED(114, Severity.ERROR, "counter '%s' is declared at %s; write 'limit %s' to use it, or pick another name"),
    DSL_UNNAMED_LIMIT_CLASH(115, Severity.ERROR, "this unnamed limit would use the counter '%s', which %s also uses; give it a name: 'limit <name> = ...'"),
    DSL_INVALID_PATH_SEGMENT(116, Severity.ERROR, "a path segment cannot contain '.': \"%s\""),
    DSL_UNKNOWN_STATE_COUNTER(117, Severity.ERROR, "'%s' names no counter of this policy%s"),
    DSL_DUPLICATE_LIMIT_OPTION(118, Severity.ERROR, "%s is already given in this limit"),
    DSL_INCLUDED_FIELD_NOT_MERGEABLE(119, Severity.ERROR, "cannot merge \"%s\" from an included JSON document; only default, hide, counters, all_tools and tools are merged"),
    DSL_INCLUDED_FIELD_MALFORMED(120, Severity.ERROR, "\"%s\" in an included JSON document must be %s"),
    DSL_INCLUDE_NOT_A_POLICY(121, Severity.ERROR, "cannot include \"%s\": it does not start like a policy (with a statement such as 'tool' or 'counter', or a JSON object of policy fields), so none of it is shown"),
    DSL_STATE_CONDITION(122, Severity.ERROR, "a condition cannot read counter '%s' (%s): a counter limits calls where a limit charges it; write 'limit %s' in this tool and its max applies"),
    // --- bytecode compiler (PC200-PC249) ---
    CODE_GENERATION_FAILED(200, Severity.ERROR, "cannot generate code for policy '%s': %s"),
    BYTECODE_COMPILATION_FAILED(201, Severity.ERROR, "compiling policy '%s' to bytecode failed: %s (the numbered generated source is logged at DEBUG by logger %s)"),
    COMPILED_POLICY_UNUSABLE(202, Severity.ERROR, "the compiled class of policy '%s' cannot be instantiated: %s"),
    PRECOMPILED_WRITE_FAILED(203, Severity.ERROR, "cannot write precompiled policy '%s' to %s: %s"),
    INTERPRETER_FALLBACK(204, Severity.WARNING, "policy '%s' is evaluated by the interpreter because it could not be compiled to bytecode"),
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
