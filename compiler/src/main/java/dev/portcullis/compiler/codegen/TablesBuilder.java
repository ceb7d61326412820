package dev.portcullis.compiler.codegen;

import dev.portcullis.compiler.ir.ArgPath;
import dev.portcullis.compiler.ir.CounterDefinition;
import dev.portcullis.compiler.ir.Limit;
import dev.portcullis.compiler.ir.Policy;
import dev.portcullis.compiler.ir.ToolEntry;
import dev.portcullis.compiler.ir.ToolSelector;
import dev.portcullis.runtime.Decision;
import dev.portcullis.runtime.eval.PolicyTables;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Collects the data of a policy into {@link PolicyTables} while the source generator walks it: each
 * distinct literal, regex, path and decision gets one index, which is all the generated source holds.
 */
final class TablesBuilder {

    private final Policy policy;
    private final Map<String, Integer> counterIndex = new HashMap<>();
    private final List<PolicyTables.Counter> counters = new ArrayList<>();
    private final List<PolicyTables.Limit> limits = new ArrayList<>();
    private final Interned<Decision> decisions = new Interned<>();
    private final Interned<Object> literals = new Interned<>();
    private final Interned<String> regexes = new Interned<>();
    private final Interned<List<String>> paths = new Interned<>();

    TablesBuilder(Policy policy) {
        this.policy = policy;
        for (CounterDefinition counter : policy.counters().values()) {
            counterIndex.put(counter.name(), counters.size());
            counters.add(new PolicyTables.Counter(counter.name(), counter.algorithm(), counter.max(),
                    counter.windowMillis(), counter.scope(), counter.per().map(ArgPath::segments).orElse(List.of()),
                    counter.budgetText()));
        }
    }

    int decision(Decision decision) {
        return decisions.indexOf(decision);
    }

    int literal(Object javaValue) {
        return literals.indexOf(javaValue);
    }

    int regex(String regex) {
        return regexes.indexOf(regex);
    }

    int path(ArgPath path) {
        return paths.indexOf(path.segments());
    }

    /** @throws IllegalArgumentException when a {@code state.} path names no counter of the policy */
    int counter(String name) {
        Integer index = counterIndex.get(name);
        if (index == null) {
            throw new IllegalArgumentException("a condition reads state of counter '" + name
                    + "', which the policy does not define");
        }
        return index;
    }

    PolicyTables build() {
        List<Integer> allToolsLimits = policy.allTools().map(this::limitsOf).orElse(List.of());
        List<PolicyTables.Entry> entries = new ArrayList<>();
        List<String> globs = new ArrayList<>();
        for (ToolEntry entry : policy.tools().values()) {
            entries.add(entry(entry, allToolsLimits));
        }
        for (ToolEntry glob : policy.globs()) {
            globs.add(((ToolSelector.ToolGlob) glob.selector()).pattern());
            entries.add(entry(glob, allToolsLimits));
        }
        entries.add(new PolicyTables.Entry(null, null, allToolsLimits));
        return new PolicyTables(policy.name(), policy.defaultPosture() == dev.portcullis.compiler.ir.DefaultPosture.DENY,
                policy.hideAll(), List.copyOf(policy.hiddenTools().keySet()), List.copyOf(policy.tools().keySet()), globs,
                entries, counters, limits, decisions.values(), literals.values(), regexes.values(), paths.values());
    }

    private PolicyTables.Entry entry(ToolEntry entry, List<Integer> allToolsLimits) {
        List<Integer> applicable = new ArrayList<>(limitsOf(entry));
        applicable.addAll(allToolsLimits);
        return new PolicyTables.Entry(entry.id(), entry.reason(), applicable);
    }

    private List<Integer> limitsOf(ToolEntry entry) {
        List<Integer> indices = new ArrayList<>();
        for (Limit limit : entry.limits()) {
            Optional<ArgPath> from = limit.incrementFrom();
            indices.add(limits.size());
            limits.add(new PolicyTables.Limit(counter(limit.id()), limit.increment(),
                    from.map(ArgPath::segments).orElse(List.of()), from.map(ArgPath::text).orElse(""),
                    limit.onDeny().orElse(null)));
        }
        return indices;
    }

    /** Values in first-seen order, each with one index. */
    private static final class Interned<T> {
        private final Map<T, Integer> index = new HashMap<>();
        private final List<T> values = new ArrayList<>();

        int indexOf(T value) {
            return index.computeIfAbsent(value, v -> {
                values.add(v);
                return values.size() - 1;
            });
        }

        List<T> values() {
            return values;
        }
    }
}
