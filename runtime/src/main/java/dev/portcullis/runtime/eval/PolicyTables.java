package dev.portcullis.runtime.eval;

import dev.portcullis.runtime.Decision;
import dev.portcullis.runtime.counter.Algorithm;
import dev.portcullis.runtime.counter.CounterSpec;
import dev.portcullis.runtime.counter.Scope;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * Everything a compiled policy knows that came from the policy's text: names, reasons, literals,
 * regexes, argument paths, counters and limits. The generated class holds only structure and reaches
 * this data by index, so no user text is ever spliced into generated source. The bytecode compiler
 * builds the tables; a precompiled policy stores them in its descriptor.
 *
 * <p>Entries are numbered: first the exact tool names, then the globs in precedence order, and last
 * the entry for a tool that none matches (only {@code all_tools} applies to it).
 *
 * @param hiddenTools tools named in {@code hide}
 * @param exactTools  tool names with an entry of their own; entry {@code i} is {@code exactTools[i]}
 * @param globs       glob patterns, most specific first; entry {@code exactTools.size() + i}
 * @param entries     one per exact tool and glob, then the no-entry entry
 * @param decisions   rule decisions that generated code returns by index
 * @param literals    condition literals: {@link String}, {@link BigDecimal}, {@link Boolean} or {@link List} of those
 * @param regexes     regex sources, compiled once when the policy is constructed
 * @param paths       argument paths, split into segments
 */
public record PolicyTables(String name, boolean defaultDeny, boolean hideAll, List<String> hiddenTools,
                           List<String> exactTools, List<String> globs, List<Entry> entries,
                           List<Counter> counters, List<Limit> limits, List<Decision> decisions,
                           List<Object> literals, List<String> regexes, List<List<String>> paths) {

    public PolicyTables {
        Objects.requireNonNull(name, "name");
        hiddenTools = List.copyOf(hiddenTools);
        exactTools = List.copyOf(exactTools);
        globs = List.copyOf(globs);
        entries = List.copyOf(entries);
        counters = List.copyOf(counters);
        limits = List.copyOf(limits);
        decisions = List.copyOf(decisions);
        literals = List.copyOf(literals);
        regexes = List.copyOf(regexes);
        paths = paths.stream().map(List::copyOf).toList();
        if (entries.size() != exactTools.size() + globs.size() + 1) {
            throw new IllegalArgumentException("expected " + (exactTools.size() + globs.size() + 1)
                    + " entries (exact tools, globs, no entry), got " + entries.size());
        }
        for (Entry entry : entries) {
            for (int limit : entry.limits()) {
                checkIndex("limit", limit, limits.size());
            }
        }
        for (Limit limit : limits) {
            checkIndex("counter", limit.counter(), counters.size());
        }
        for (Object literal : literals) {
            checkLiteral(literal);
        }
        for (List<String> path : paths) {
            if (path.isEmpty()) {
                throw new IllegalArgumentException("an argument path needs at least one segment");
            }
        }
    }

    private static void checkIndex(String what, int index, int size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException(what + " index " + index + " out of range 0.." + (size - 1));
        }
    }

    private static void checkLiteral(Object literal) {
        if (literal instanceof List<?> list) {
            list.forEach(PolicyTables::checkLiteral);
        } else if (!(literal instanceof String || literal instanceof BigDecimal || literal instanceof Boolean)) {
            throw new IllegalArgumentException("a literal must be a string, number, boolean or list, got "
                    + (literal == null ? "null" : literal.getClass().getName()));
        }
    }

    /** The index of the entry for tools that no exact or glob entry matches. */
    public int noEntryIndex() {
        return entries.size() - 1;
    }

    /**
     * One entry's outcome when every check passes.
     *
     * @param ruleId the rule id of its ALLOW decision ({@code null} for the no-entry entry, whose
     *               decision names the tool)
     * @param reason the reason of its ALLOW decision ({@code null} likewise)
     * @param limits the limits a call charges, in order: the entry's, then {@code all_tools}'
     */
    public record Entry(String ruleId, String reason, List<Integer> limits) {
        public Entry {
            limits = List.copyOf(limits);
            if ((ruleId == null) != (reason == null)) {
                throw new IllegalArgumentException("an entry has both a rule id and a reason, or neither");
            }
        }
    }

    /**
     * One budget and how calls are keyed in it.
     *
     * @param per        the argument path whose value splits the budget, empty for none
     * @param budgetText the budget in words, for rate-limit reasons ({@code 10 per minute per grant})
     */
    public record Counter(String name, Algorithm algorithm, long max, long windowMillis, Scope scope,
                          List<String> per, String budgetText) {
        public Counter {
            Objects.requireNonNull(scope, "scope");
            per = List.copyOf(per);
            Objects.requireNonNull(budgetText, "budgetText");
            spec(name, algorithm, max, windowMillis);
        }

        public CounterSpec spec() {
            return spec(name, algorithm, max, windowMillis);
        }

        private static CounterSpec spec(String name, Algorithm algorithm, long max, long windowMillis) {
            return new CounterSpec(name, algorithm, max, windowMillis);
        }
    }

    /**
     * A charge against a counter when a call is allowed.
     *
     * @param incrementFrom     the argument path whose value is the amount, empty for {@code increment}
     * @param incrementFromText that path as written ({@code args.amount}), for reasons; empty for none
     * @param onDeny            the limit's own reason for a denial, or {@code null}
     */
    public record Limit(int counter, long increment, List<String> incrementFrom, String incrementFromText,
                        String onDeny) {
        public Limit {
            incrementFrom = List.copyOf(incrementFrom);
            Objects.requireNonNull(incrementFromText, "incrementFromText");
            if (increment <= 0) {
                throw new IllegalArgumentException("increment must be positive, was " + increment);
            }
        }
    }

}
