package dev.portcullis.compiler.dsl;

import dev.portcullis.compiler.source.ForbiddenCharacters;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * How names and literals are spelled in the DSL, shared by the lowering and the printer so that
 * what one writes the other reads back: when a name may stay bare, how strings are quoted, and the
 * counter name an unnamed limit gets.
 */
final class DslNames {

    // These mirror the NAME and GLOB tokens of PolicyLexer.g4 (java.util.regex is fine here: the
    // patterns are ours, never the user's).
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    private static final Pattern GLOB = Pattern.compile("[A-Za-z0-9_-]*\\*[A-Za-z0-9_*-]*");
    private static final Pattern INDEX = Pattern.compile("0|[1-9][0-9]*");

    /** The fields of a canonical document (docs/policy-1.schema.json, {@code $schema} aside). */
    static final Set<String> DOCUMENT_FIELDS = Set.of("version", "name", "description", "default", "hide",
            "counters", "all_tools", "tools");

    /** The owner name of {@code all tools}: Intercept's scope for its "*" tool. */
    static final String ALL_TOOLS_OWNER = "_global";

    private DslNames() {
    }

    /**
     * The counter an unnamed limit ({@code limit 5 per hour}) uses: {@code <tool>._rate_<window>},
     * the name Intercept's {@code rate_limit} lowers to, so such policies print back unnamed.
     * {@code owner} is the tool key, or {@link #ALL_TOOLS_OWNER} for {@code all tools}.
     */
    static String defaultCounterName(String owner, JsonNode window) {
        return owner + "._rate_" + (window.isString() ? window.stringValue() : window.toString());
    }

    /** A tool key as written after {@code tool} or {@code hide}: bare when it reads back unchanged. */
    static String toolKey(String key) {
        for (String part : key.split("\\.", -1)) {
            if (!WORD.matcher(part).matches() && !GLOB.matcher(part).matches()) {
                return quote(key);
            }
        }
        return key;
    }

    /** A counter name: bare when it is dotted words ({@code create_issue._rate_hour}). */
    static String counterName(String name) {
        for (String part : name.split("\\.", -1)) {
            if (!WORD.matcher(part).matches()) {
                return quote(name);
            }
        }
        return name;
    }

    /** One segment of an argument path. */
    static String pathSegment(String segment) {
        return WORD.matcher(segment).matches() || INDEX.matcher(segment).matches() ? segment : quote(segment);
    }

    /** A JSON string literal, which is also the DSL's; characters a policy may not hold raw are escaped. */
    static String quote(String value) {
        StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
        int forbidden = ForbiddenCharacters.indexOfFirst(value);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (i == forbidden) {
                quoted.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                forbidden = ForbiddenCharacters.indexOfFirst(value, i + 1);
                continue;
            }
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}
