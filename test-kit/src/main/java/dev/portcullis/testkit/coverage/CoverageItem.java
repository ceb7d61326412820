package dev.portcullis.testkit.coverage;

import java.util.List;
import java.util.Objects;

/**
 * One thing in a policy that a test suite should exercise.
 *
 * @param id          the id decisions name ({@link dev.portcullis.runtime.Decision#ruleId()}): a rule's
 *                    name, a limit's counter, a condition's id
 * @param kind        what it is
 * @param description a short text for reports (for example the tool entry it belongs to)
 * @param tools       the tool names or globs ({@code *}, {@code list_*}) it applies to; for a limit, a
 *                    model made with {@link PolicyCoverageModel#of} charges it for every allowed call of them
 */
public record CoverageItem(String id, Kind kind, String description, List<String> tools) {

    /** What a coverage item is. */
    public enum Kind {
        /** A tool entry ({@code tools.<key>}): decides the calls it allows, and those its action denies or holds. */
        ENTRY,
        /** An ordered rule (Intercept): exercised when it, or a limit it declares, decided a call, or an allowed call charged that limit. */
        RULE,
        /** A {@code require} or {@code deny_if} condition: exercised when it denied a call. */
        CONDITION,
        /** A limit's counter: exercised when an allowed call charged it or it denied a call. */
        LIMIT,
        /** What decides calls no entry matches: {@code default}, {@code hide}. */
        DEFAULT;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public CoverageItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        description = description == null ? "" : description;
        tools = tools == null ? List.of() : List.copyOf(tools);
    }

    public static CoverageItem rule(String id, String description) {
        return new CoverageItem(id, Kind.RULE, description, List.of());
    }

    public static CoverageItem limit(String counter, String description, List<String> tools) {
        return new CoverageItem(counter, Kind.LIMIT, description, tools);
    }

    /** Whether this item applies to calls of {@code tool} (by exact name or glob). */
    public boolean appliesTo(String tool) {
        for (String pattern : tools) {
            if (Globs.matches(pattern, tool)) {
                return true;
            }
        }
        return false;
    }
}
