package dev.portcullis.compiler.dsl;

import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import dev.portcullis.compiler.diagnostic.Suggestions;
import dev.portcullis.compiler.source.SourcePosition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Every counter a policy declares and every limit that uses one, so that references can be checked
 * once all files are read: a counter may be declared after, or in another file than, its use.
 */
final class CounterBook {

    enum UseKind {
        /** {@code limit exports}: takes its definition from {@code counter exports = ...}. */
        REFERENCE,
        /** {@code limit exports = 10 per minute}: defines the counter where it is used. */
        INLINE,
        /** {@code limit 10 per minute}: named after its tool and window. */
        UNNAMED,
        /** A limit written as JSON. */
        JSON
    }

    /**
     * The entry a limit belongs to: {@code name} is the tool key ({@code *} for all tools), which
     * names unnamed limits; {@code entry} is the entry's pointer, which tells entries apart.
     */
    record Owner(String name, String entry) {
        String description() {
            return entry.equals("/all_tools") ? "'all tools'" : "tool '" + name + "'";
        }
    }

    record Use(Owner owner, String name, UseKind kind, SourcePosition position) {
    }

    private final Map<String, SourcePosition> declared = new LinkedHashMap<>();
    private final List<Use> uses = new ArrayList<>();

    /** Declares {@code name}; returns where it was declared before, or null. */
    SourcePosition declare(String name, SourcePosition position) {
        return declared.putIfAbsent(name, position);
    }

    boolean isDeclared(String name) {
        return declared.containsKey(name);
    }

    void use(Owner owner, String name, UseKind kind, SourcePosition position) {
        uses.add(new Use(owner, name, kind, position));
    }

    /** Counters named by the limits of a JSON entry or rule (its own, and its rules'). */
    void useJsonLimits(Owner owner, JsonNode holder, SourcePosition position) {
        for (JsonNode limit : holder.path("limits")) {
            if (limit.path("counter").isString()) {
                use(owner, limit.get("counter").stringValue(), UseKind.JSON, position);
            }
        }
        for (JsonNode rule : holder.path("rules")) {
            useJsonLimits(owner, rule, position);
        }
    }

    /** Every counter name the policy knows: declared ones and those limits define. */
    Set<String> allNames() {
        Set<String> names = new HashSet<>(declared.keySet());
        for (Use use : uses) {
            names.add(use.name());
        }
        return names;
    }

    void check(LoweringScope reporter) {
        Map<List<Object>, Integer> perOwner = new HashMap<>();
        for (Use use : uses) {
            perOwner.merge(List.of(use.owner(), use.name()), 1, Integer::sum);
        }
        for (Use use : uses) {
            switch (use.kind()) {
                case REFERENCE -> {
                    if (!declared.containsKey(use.name())) {
                        String hint = Suggestions.closest(use.name(), declared.keySet())
                                .map(name -> "; did you mean '" + name + "'?")
                                .orElse("; declare it with 'counter " + DslNames.counterName(use.name())
                                        + " = 10 per minute'");
                        reporter.error(DiagnosticCode.DSL_UNKNOWN_COUNTER, use.position(), use.name(), hint);
                    }
                }
                case INLINE -> {
                    SourcePosition declaration = declared.get(use.name());
                    if (declaration != null) {
                        reporter.error(DiagnosticCode.DSL_COUNTER_REDEFINED, use.position(), use.name(),
                                declaration, DslNames.counterName(use.name()));
                    }
                }
                case UNNAMED -> {
                    SourcePosition declaration = declared.get(use.name());
                    if (declaration != null) {
                        reporter.error(DiagnosticCode.DSL_UNNAMED_LIMIT_CLASH, use.position(), use.name(),
                                "the counter declared at " + declaration);
                    } else if (perOwner.get(List.of(use.owner(), use.name())) > 1) {
                        reporter.error(DiagnosticCode.DSL_UNNAMED_LIMIT_CLASH, use.position(), use.name(),
                                "another limit of " + use.owner().description());
                    }
                }
                case JSON -> { }
            }
        }
    }
}
