package dev.portcullis.compiler.ir;

import dev.portcullis.compiler.source.SourcePosition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A policy in the typed IR: what the interpreter evaluates and the code generator compiles. Nothing
 * after this sees JSON, YAML or parse trees. Records all the way down, so two builds of the same
 * document are equal and hash alike (a compiled-class cache can key on the policy).
 *
 * <p>The IR is well-typed by construction (positive budgets, operators with literals they accept,
 * every limit using its counter's one definition). Whether regexes compile and {@code state.} paths
 * name a counter is left to the checks: run {@code PolicyChecks} before evaluating a policy.
 *
 * @param hiddenTools tools named in {@code hide}, sorted, with where each is named
 * @param hideAll     whether {@code hide} holds {@code "*"}
 * @param tools       entries keyed by exact tool name, in document order
 * @param globs       glob entries in {@link ToolSelector.ToolGlob#PRECEDENCE} order
 * @param counters    every counter by name, in the order first defined
 */
public record Policy(String name, DefaultPosture defaultPosture, Map<String, SourcePosition> hiddenTools,
                     boolean hideAll,
                     Map<String, ToolEntry> tools, List<ToolEntry> globs, Optional<ToolEntry> allTools,
                     Map<String, CounterDefinition> counters, SourcePosition position) {

    public Policy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(defaultPosture, "defaultPosture");
        hiddenTools = Collections.unmodifiableMap(new TreeMap<>(hiddenTools));
        tools = Collections.unmodifiableMap(new LinkedHashMap<>(tools));
        List<ToolEntry> sortedGlobs = new ArrayList<>(globs);
        sortedGlobs.sort((a, b) -> ToolSelector.ToolGlob.PRECEDENCE.compare(
                (ToolSelector.ToolGlob) a.selector(), (ToolSelector.ToolGlob) b.selector()));
        globs = List.copyOf(sortedGlobs);
        Objects.requireNonNull(allTools, "allTools");
        counters = Collections.unmodifiableMap(new LinkedHashMap<>(counters));
        Objects.requireNonNull(position, "position");
        validate(tools, globs, allTools, counters);
    }

    private static void validate(Map<String, ToolEntry> tools, List<ToolEntry> globs, Optional<ToolEntry> allTools,
                                 Map<String, CounterDefinition> counters) {
        tools.forEach((key, entry) -> {
            if (!(entry.selector() instanceof ToolSelector.ExactTool exact) || !exact.name().equals(key)) {
                throw new IllegalArgumentException("entry under tools key '" + key + "' selects " + entry.selector());
            }
        });
        for (ToolEntry glob : globs) {
            if (!(glob.selector() instanceof ToolSelector.ToolGlob)) {
                throw new IllegalArgumentException("glob entry selects " + glob.selector());
            }
        }
        if (allTools.isPresent() && !(allTools.get().selector() instanceof ToolSelector.AllTools)) {
            throw new IllegalArgumentException("all_tools entry selects " + allTools.get().selector());
        }
        counters.forEach((name, counter) -> {
            if (!counter.name().equals(name)) {
                throw new IllegalArgumentException("counter under key '" + name + "' is named '" + counter.name() + "'");
            }
        });
        Stream.concat(Stream.concat(tools.values().stream(), globs.stream()), allTools.stream())
                .flatMap(entry -> entry.limits().stream())
                .forEach(limit -> {
                    if (!limit.counter().equals(counters.get(limit.id()))) {
                        throw new IllegalArgumentException("limit on counter '" + limit.id()
                                + "' does not use the policy's definition of that counter");
                    }
                });
    }

    /** Whether {@code tools/list} leaves the tool out; a hidden tool is also denied at call time. */
    public boolean isHidden(String tool) {
        return hideAll || hiddenTools.containsKey(tool);
    }

    /** The tool's own entry: its exact entry, else the most specific matching glob. */
    public Optional<ToolEntry> entryFor(String tool) {
        ToolEntry exact = tools.get(tool);
        if (exact != null) {
            return Optional.of(exact);
        }
        for (ToolEntry glob : globs) {
            if (glob.selector().matches(tool)) {
                return Optional.of(glob);
            }
        }
        return Optional.empty();
    }

    /** Every entry: exact tools in document order, globs by precedence, then {@code all_tools}. */
    public List<ToolEntry> entries() {
        List<ToolEntry> all = new ArrayList<>(tools.values());
        all.addAll(globs);
        allTools.ifPresent(all::add);
        return all;
    }
}
