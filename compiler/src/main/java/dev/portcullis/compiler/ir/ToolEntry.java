package dev.portcullis.compiler.ir;

import dev.portcullis.compiler.source.SourcePosition;
import java.util.List;
import java.util.Objects;

/**
 * The rules for the calls a {@link ToolSelector} matches.
 *
 * @param action the entry's own verdict; {@code reason} is the sentence a decision by it carries
 * @param rules  deny and approval checks in evaluation order: {@code require}, then {@code deny_if},
 *               then the ordered rules
 * @param limits every limit of the entry and of its rules, in order
 */
public record ToolEntry(ToolSelector selector, EntryAction action, String reason, List<Rule> rules,
                        List<Limit> limits, SourcePosition position) {

    public ToolEntry {
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(reason, "reason");
        rules = List.copyOf(rules);
        limits = List.copyOf(limits);
        Objects.requireNonNull(position, "position");
    }

    /** The tool name or glob this entry is keyed by ({@code all_tools} for that entry). */
    public String key() {
        return selector.key();
    }

    /** {@code tools.<key>} or {@code all_tools}: the rule id of decisions by the entry itself. */
    public String id() {
        return selector.entryId();
    }
}
