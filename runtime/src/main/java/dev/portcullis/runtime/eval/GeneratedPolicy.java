package dev.portcullis.runtime.eval;

import dev.portcullis.runtime.CompiledPolicy;
import dev.portcullis.runtime.Decision;
import dev.portcullis.runtime.RateLimitDenial;
import dev.portcullis.runtime.Reservation;
import dev.portcullis.runtime.ToolCall;
import dev.portcullis.runtime.counter.CounterStore;
import dev.portcullis.runtime.counter.RateCounter;
import dev.portcullis.runtime.counter.Scope;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The base of every class the bytecode compiler generates. It does what is the same for every policy,
 * exactly as the interpreter does it: hidden tools, entry lookup (exact names through a hash map,
 * then globs in precedence order, whose answer is remembered per name, with the decisions that depend
 * on the name alone), the default posture, all-or-nothing charging of limits, two-phase
 * reservations, and failing closed. A generated class supplies {@link #check}, the entry's deny
 * and approval rules as straight-line code over the tables' data, and {@link #decide}, which calls it.
 *
 * <p>{@link #decide} charges limits without creating a {@link Reservation}, so an allowed call whose
 * arguments and keys need no conversion allocates nothing.
 */
public abstract class GeneratedPolicy implements CompiledPolicy {

    private static final int HIDDEN = -1;
    private static final int MAX_RESOLVED_NAMES = 10_000;
    /**
     * Longer names are resolved on every call instead of remembered: MCP tool names are short (the
     * specification suggests at most 128 characters), and a route keeps its name twice (key and
     * rendered decision), so remembering invented megabyte-long names could hold gigabytes.
     */
    private static final int MAX_REMEMBERED_NAME_LENGTH = 256;
    private static final int[] NO_LIMITS = {};

    private final String name;
    private final boolean defaultDeny;
    private final boolean hideAll;
    private final Set<String> hiddenTools;
    /**
     * The route of every exact and hidden tool name, filled at construction, and of names matched by
     * globs (or by nothing), remembered as they are first seen, up to {@link #MAX_RESOLVED_NAMES}, so
     * that a flood of invented names cannot grow the map without bound. One lookup serves every name
     * seen before.
     */
    private final ConcurrentHashMap<String, Route> routes = new ConcurrentHashMap<>();
    private final AtomicInteger resolvedByGlob = new AtomicInteger();
    private final String[] globs;
    private final int globBase;
    private final int noEntry;
    private final Decision[] allowed;
    private final Reservation[] allowedWithoutCharge;
    private final int[][] entryLimits;
    /** Whether an entry has a limit whose amount or key must be checked before anything is charged. */
    private final boolean[] entryPrechecks;

    private final RateCounter[] counters;
    private final Scope[] counterScopes;
    private final String[][] counterPer;
    private final String[] counterBudgets;
    private final int[] limitCounter;
    private final long[] limitIncrement;
    private final String[][] limitIncrementFrom;
    private final String[] limitIncrementText;
    private final String[] limitOnDeny;
    /** The reason of a refusal by each limit of fixed increment, its fixed words joined once; else {@code null}. */
    private final DecisionTexts.RateLimitedReason[] limitReasons;

    /** Rule decisions, by index: what generated code returns. */
    protected final Decision[] decisions;
    private final Object[] literals;
    private final String[] texts;
    private final NumberLiteral[] numbers;
    private final List<?>[] lists;
    private final RegexMatcher[] regexes;
    private final String[][] paths;

    /**
     * @throws IllegalArgumentException when a regex does not compile or the store holds a counter of
     *                                  the same name with another definition
     */
    protected GeneratedPolicy(PolicyTables tables, CounterStore store) {
        Objects.requireNonNull(tables, "tables");
        Objects.requireNonNull(store, "store");
        name = tables.name();
        defaultDeny = tables.defaultDeny();
        hideAll = tables.hideAll();
        hiddenTools = new HashSet<>(tables.hiddenTools());
        globs = tables.globs().toArray(new String[0]);
        globBase = tables.exactTools().size();
        noEntry = tables.noEntryIndex();

        int entryCount = tables.entries().size();
        allowed = new Decision[entryCount];
        allowedWithoutCharge = new Reservation[entryCount];
        entryLimits = new int[entryCount][];
        entryPrechecks = new boolean[entryCount];
        for (int i = 0; i < entryCount; i++) {
            PolicyTables.Entry entry = tables.entries().get(i);
            entryLimits[i] = entry.limits().stream().mapToInt(Integer::intValue).toArray();
            if (entry.ruleId() != null) {
                allowed[i] = Decision.allow(entry.ruleId(), entry.reason());
                allowedWithoutCharge[i] = new SettledReservation(allowed[i]);
            }
        }

        int counterCount = tables.counters().size();
        counters = new RateCounter[counterCount];
        counterScopes = new Scope[counterCount];
        counterPer = new String[counterCount][];
        counterBudgets = new String[counterCount];
        for (int i = 0; i < counterCount; i++) {
            PolicyTables.Counter counter = tables.counters().get(i);
            counters[i] = store.counter(counter.spec());
            counterScopes[i] = counter.scope();
            counterPer[i] = counter.per().isEmpty() ? null : interned(counter.per());
            counterBudgets[i] = counter.budgetText();
        }
        int limitCount = tables.limits().size();
        limitCounter = new int[limitCount];
        limitIncrement = new long[limitCount];
        limitIncrementFrom = new String[limitCount][];
        limitIncrementText = new String[limitCount];
        limitOnDeny = new String[limitCount];
        for (int i = 0; i < limitCount; i++) {
            PolicyTables.Limit limit = tables.limits().get(i);
            limitCounter[i] = limit.counter();
            limitIncrement[i] = limit.increment();
            limitIncrementFrom[i] = limit.incrementFrom().isEmpty() ? null : interned(limit.incrementFrom());
            limitIncrementText[i] = limit.incrementFromText();
            limitOnDeny[i] = limit.onDeny();
        }
        limitReasons = new DecisionTexts.RateLimitedReason[limitCount];
        for (int i = 0; i < limitCount; i++) {
            if (limitIncrementFrom[i] == null) {
                int counter = limitCounter[i];
                limitReasons[i] = DecisionTexts.rateLimitedReason(counters[counter].spec().name(), counterBudgets[counter],
                        counters[counter].spec().max(), limitOnDeny[i], limitIncrement[i]);
            }
        }

        for (int i = 0; i < entryCount; i++) {
            for (int limit : entryLimits[i]) {
                entryPrechecks[i] |= limitIncrementFrom[limit] != null || counterPer[limitCounter[limit]] != null;
            }
        }

        for (int i = 0; i < tables.exactTools().size(); i++) {
            String tool = tables.exactTools().get(i);
            routes.put(tool.intern(), route(tool, hideAll ? HIDDEN : i));
        }
        for (String hidden : hiddenTools) {
            routes.put(hidden.intern(), route(hidden, HIDDEN));
        }

        decisions = tables.decisions().toArray(new Decision[0]);
        int literalCount = tables.literals().size();
        literals = tables.literals().toArray();
        texts = new String[literalCount];
        numbers = new NumberLiteral[literalCount];
        lists = new List[literalCount];
        for (int i = 0; i < literalCount; i++) {
            Object literal = literals[i];
            if (literal instanceof String s) {
                texts[i] = s;
            } else if (literal instanceof BigDecimal d) {
                numbers[i] = NumberLiteral.of(d);
            } else if (literal instanceof List<?> list) {
                lists[i] = list;
            }
        }
        regexes = new RegexMatcher[tables.regexes().size()];
        for (int i = 0; i < regexes.length; i++) {
            regexes[i] = RegexMatcher.compile(tables.regexes().get(i));
        }
        paths = new String[tables.paths().size()][];
        for (int i = 0; i < paths.length; i++) {
            paths[i] = interned(tables.paths().get(i));
        }
    }

    /**
     * Names the policy looks up (tools, argument path segments) as the JVM's canonical strings: a caller
     * whose names are interned too (Java literals, parsers that intern field names) then matches them
     * by reference, and any other caller by {@code equals} as before.
     */
    private static String[] interned(List<String> names) {
        String[] canonical = new String[names.size()];
        for (int i = 0; i < canonical.length; i++) {
            canonical[i] = names.get(i).intern();
        }
        return canonical;
    }

    /**
     * The entry's deny checks then approval checks, tool's entry before {@code all_tools}: the first
     * decision, or {@code null} when every check passed and the call goes on to its limits.
     *
     * @param entry     the entry index (see {@link PolicyTables})
     * @param arguments the call's arguments
     */
    protected abstract Decision check(int entry, ToolCall call, Map<String, Object> arguments);

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final boolean isHidden(String tool) {
        return hideAll || hiddenTools.contains(tool);
    }

    @Override
    public final Reservation reserve(ToolCall call) {
        try {
            Object outcome = evaluate(call);
            return outcome instanceof Reservation reservation ? reservation : new SettledReservation((Decision) outcome);
        } catch (Exception | StackOverflowError e) {
            return new SettledReservation(Decision.evaluationFailed(e));
        }
    }

    /**
     * Decides and counts at once, as {@code reserve} then {@code commit}, without a reservation object.
     * Each generated class implements it in the same few lines, {@link #routeOf}, then its own
     * {@link #check}, then {@link #admit}, failing closed on any exception: the call of {@code check}
     * then stays inside one final class, so the JIT binds and inlines it however many policies a
     * gateway runs (from shared code here it would become megamorphic).
     */
    @Override
    public abstract Decision decide(ToolCall call);

    /** A {@link Decision}, or when quota was taken, a {@link Reservation}. */
    private Object evaluate(ToolCall call) {
        Route route = routeOf(call.tool());
        if (route.decided != null) {
            return route.decided;
        }
        Decision checked = check(route.entry, call, call.arguments());
        return checked != null ? checked : charge(route.entry, call, route.allow, true);
    }

    /** The decision once the entry's checks passed: its limits charged, allowed or rate limited. */
    protected final Decision admit(Route route, ToolCall call) {
        // the common cases, kept small enough for the JIT to inline: no limit, or one plain limit
        if (route.unlimited) {
            return route.allow;
        }
        if (route.plainCounter != null) {
            return chargePlain(route, call);
        }
        return (Decision) charge(route.entry, call, route.allow, false);
    }

    /** The tool's route: one lookup for every name seen before, so that the JIT inlines it. */
    protected final Route routeOf(String tool) {
        Route known = routes.get(tool);
        return known != null ? known : resolve(tool);
    }

    /** The route of a name first seen: hidden, else the first glob in precedence order, else no entry. */
    private Route resolve(String tool) {
        int entry = noEntry;
        if (hideAll) {
            entry = HIDDEN;
        } else {
            for (int i = 0; i < globs.length; i++) {
                if (ToolGlobs.matches(globs[i], tool)) {
                    entry = globBase + i;
                    break;
                }
            }
        }
        Route route = route(tool, entry);
        if (tool.length() <= MAX_REMEMBERED_NAME_LENGTH
                && resolvedByGlob.get() < MAX_RESOLVED_NAMES && resolvedByGlob.incrementAndGet() <= MAX_RESOLVED_NAMES) {
            Route raced = routes.putIfAbsent(tool, route);
            return raced != null ? raced : route;
        }
        return route;
    }

    /**
     * The route of {@code tool} to {@code entry}, with the decisions that depend on the name alone
     * rendered once (hidden, not permitted by default, allowed by default) and the entry's limit when
     * it has exactly one with a fixed increment and no {@code per}, so that charging it needs no table.
     */
    private Route route(String tool, int entry) {
        if (entry == HIDDEN) {
            return new Route(HIDDEN, Decision.deny("hide", DecisionTexts.hidden(tool)), null, false, -1, null, null, 0);
        }
        if (entry == noEntry && defaultDeny) {
            return new Route(entry, Decision.deny("default", DecisionTexts.notPermitted(tool)), null, false, -1, null, null, 0);
        }
        Decision allow = allowed[entry] != null ? allowed[entry] : Decision.allow("default", DecisionTexts.allowedByDefault(tool));
        int[] limits = entryLimits[entry];
        if (limits.length == 1 && !entryPrechecks[entry]) {
            int limit = limits[0];
            int counter = limitCounter[limit];
            return new Route(entry, null, allow, false, limit, counters[counter], counterScopes[counter], limitIncrement[limit]);
        }
        return new Route(entry, null, allow, limits.length == 0, -1, null, null, 0);
    }

    /**
     * Where a tool name leads: its entry index; the decision its name alone makes ({@code decided}, for
     * hidden tools and, under default deny, tools without an entry) or else the decision that allows
     * it once its checks and limits pass; whether the entry has no limit; and its one plain limit, if
     * that is all it has (the limit's index, counter, scope and increment; else {@code plainCounter}
     * is {@code null}).
     */
    protected static final class Route {
        private final int entry;
        private final Decision decided;
        private final Decision allow;
        private final boolean unlimited;
        private final int plainLimit;
        private final RateCounter plainCounter;
        private final Scope plainScope;
        private final long plainIncrement;

        private Route(int entry, Decision decided, Decision allow, boolean unlimited, int plainLimit,
                      RateCounter plainCounter, Scope plainScope, long plainIncrement) {
            this.entry = entry;
            this.decided = decided;
            this.allow = allow;
            this.unlimited = unlimited;
            this.plainLimit = plainLimit;
            this.plainCounter = plainCounter;
            this.plainScope = plainScope;
            this.plainIncrement = plainIncrement;
        }

        /** The entry index that {@link #check} takes. */
        public int entry() {
            return entry;
        }

        /** The decision the tool's name alone makes, or {@code null} when its entry's checks decide. */
        public Decision decided() {
            return decided;
        }
    }

    // --- what generated conditions call; small, final and monomorphic, so the JIT inlines them ---

    /** The argument at path {@code path}, or {@code null} when missing. */
    protected final Object arg(Map<String, Object> arguments, int path) {
        return ArgumentValues.resolve(arguments, paths[path]);
    }

    /** The current count of a counter for the call's key ({@code state.} paths), boxed as conditions read it. */
    protected final Object state(int counter, ToolCall call) {
        return counters[counter].count(key(counter, call), call.timeMillis());
    }

    protected final boolean eq(Object actual, int literal) {
        NumberLiteral number = numbers[literal];
        return number != null ? Conditions.eq(actual, number) : Conditions.eq(actual, literals[literal]);
    }

    protected final boolean neq(Object actual, int literal) {
        NumberLiteral number = numbers[literal];
        return number != null ? Conditions.neq(actual, number) : Conditions.neq(actual, literals[literal]);
    }

    protected final boolean in(Object actual, int literal) {
        return Conditions.in(actual, lists[literal]);
    }

    protected final boolean notIn(Object actual, int literal) {
        return Conditions.notIn(actual, lists[literal]);
    }

    protected final boolean lt(Object actual, int literal) {
        return Conditions.lt(actual, numbers[literal]);
    }

    protected final boolean lte(Object actual, int literal) {
        return Conditions.lte(actual, numbers[literal]);
    }

    protected final boolean gt(Object actual, int literal) {
        return Conditions.gt(actual, numbers[literal]);
    }

    protected final boolean gte(Object actual, int literal) {
        return Conditions.gte(actual, numbers[literal]);
    }

    protected final boolean regex(Object actual, int regex) {
        return Conditions.regex(actual, regexes[regex]);
    }

    protected final boolean contains(Object actual, int literal) {
        return Conditions.contains(actual, literals[literal]);
    }

    protected final boolean startsWith(Object actual, int literal) {
        return Conditions.startsWith(actual, texts[literal]);
    }

    protected final boolean endsWith(Object actual, int literal) {
        return Conditions.endsWith(actual, texts[literal]);
    }

    /**
     * Steps 6 and 7, as the interpreter takes them: every amount and key is worked out in order first
     * (an unusable {@code increment_from} denies, charging nothing), then the counters are charged in
     * order and the first without room denies after the others are given back.
     */
    private Object charge(int entry, ToolCall call, Decision allow, boolean hold) {
        int[] limits = entryLimits[entry];
        if (limits.length == 0) {
            return hold ? (allowed[entry] != null ? allowedWithoutCharge[entry] : new SettledReservation(allow)) : allow;
        }
        // Keys and amounts are recomputed rather than stored so that the common case allocates nothing;
        // both are pure functions of the call.
        for (int limit : entryPrechecks[entry] ? limits : NO_LIMITS) {
            if (limitIncrementFrom[limit] != null) {
                String problem = IncrementAmounts.problem(ArgumentValues.resolve(call.arguments(), limitIncrementFrom[limit]));
                if (problem != null) {
                    String id = counterName(limit);
                    return Decision.deny(id, DecisionTexts.unusableIncrement(id, limitIncrementText[limit], problem));
                }
            }
            if (counterPer[limitCounter[limit]] != null) {
                key(limitCounter[limit], call);
            }
        }
        long now = call.timeMillis();
        int i = 0;
        String refusedKey = null;
        long refusedAmount = 0;
        long retryAfter = 0;
        try {
            for (; i < limits.length; i++) {
                int limit = limits[i];
                long amount = amount(limit, call);
                if (amount == 0) {
                    continue;
                }
                int counter = limitCounter[limit];
                String key = key(counter, call);
                retryAfter = counters[counter].tryAcquire(key, amount, now);
                if (retryAfter != 0) {
                    refusedKey = key;
                    refusedAmount = amount;
                    break;
                }
            }
        } catch (RuntimeException e) {
            giveBack(limits, i, call);
            throw e;
        }
        if (refusedKey == null) {
            return hold ? reservation(allow, limits, call) : allow;
        }
        // Outside the try: the charges before the refusal are given back exactly once, even when
        // describing the denial fails (the caller then fails closed).
        giveBack(limits, i, call);
        return rateLimited(limits[i], refusedKey, refusedAmount, now, retryAfter);
    }

    /** {@link #charge} for the route's one plain limit, deciding at once. */
    private Decision chargePlain(Route route, ToolCall call) {
        String key = route.plainScope.keyOf(call);
        long now = call.timeMillis();
        long retryAfter = route.plainCounter.tryAcquire(key, route.plainIncrement, now);
        return retryAfter == 0 ? route.allow : rateLimited(route.plainLimit, key, route.plainIncrement, now, retryAfter);
    }

    private Reservation reservation(Decision allow, int[] limits, ToolCall call) {
        int taken = 0;
        for (int limit : limits) {
            if (amount(limit, call) != 0) {
                taken++;
            }
        }
        RateCounter[] charged = new RateCounter[taken];
        String[] keys = new String[taken];
        long[] amounts = new long[taken];
        int next = 0;
        for (int limit : limits) {
            long amount = amount(limit, call);
            if (amount != 0) {
                charged[next] = counters[limitCounter[limit]];
                keys[next] = key(limitCounter[limit], call);
                amounts[next++] = amount;
            }
        }
        return new ChargedReservation(allow, charged, keys, amounts, call.timeMillis());
    }

    /** Gives back the first {@code count} limits' charges, last first, reporting the first failure after all. */
    private void giveBack(int[] limits, int count, ToolCall call) {
        RuntimeException failure = null;
        for (int i = count - 1; i >= 0; i--) {
            int limit = limits[i];
            long amount = amount(limit, call);
            if (amount == 0) {
                continue;
            }
            int counter = limitCounter[limit];
            try {
                counters[counter].release(key(counter, call), amount, call.timeMillis());
            } catch (RuntimeException e) {
                failure = Failures.collect(failure, e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private Decision rateLimited(int limit, String key, long amount, long now, long retryAfter) {
        int counter = limitCounter[limit];
        RateCounter rateCounter = counters[counter];
        long count = rateCounter.count(key, now);
        RateLimitDenial denial = new RateLimitDenial(rateCounter.spec().name(), rateCounter.spec().max(),
                rateCounter.spec().windowMillis(), count, retryAfter);
        DecisionTexts.RateLimitedReason reason = limitReasons[limit];
        return Decision.rateLimited(denial, reason != null ? reason.of(denial)
                : DecisionTexts.rateLimited(denial.counter(), counterBudgets[counter], denial.max(), limitOnDeny[limit], amount, denial));
    }

    private long amount(int limit, ToolCall call) {
        String[] from = limitIncrementFrom[limit];
        return from == null ? limitIncrement[limit] : IncrementAmounts.amount(ArgumentValues.resolve(call.arguments(), from));
    }

    private String counterName(int limit) {
        return counters[limitCounter[limit]].spec().name();
    }

    private String key(int counter, ToolCall call) {
        String scopeKey = counterScopes[counter].keyOf(call);
        String[] per = counterPer[counter];
        return per == null ? scopeKey : CounterKeys.withPer(scopeKey, ArgumentValues.resolve(call.arguments(), per));
    }
}
