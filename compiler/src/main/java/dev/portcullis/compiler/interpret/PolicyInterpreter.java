package dev.portcullis.compiler.interpret;

import dev.portcullis.compiler.ir.ArgPath;
import dev.portcullis.compiler.ir.Condition;
import dev.portcullis.compiler.ir.CounterDefinition;
import dev.portcullis.compiler.ir.DefaultPosture;
import dev.portcullis.compiler.ir.EntryAction;
import dev.portcullis.compiler.ir.Limit;
import dev.portcullis.compiler.ir.Operator;
import dev.portcullis.compiler.ir.Policy;
import dev.portcullis.compiler.ir.Rule;
import dev.portcullis.compiler.ir.StatePath;
import dev.portcullis.compiler.ir.ToolEntry;
import dev.portcullis.compiler.ir.Value;
import dev.portcullis.runtime.CompiledPolicy;
import dev.portcullis.runtime.Decision;
import dev.portcullis.runtime.RateLimitDenial;
import dev.portcullis.runtime.Reservation;
import dev.portcullis.runtime.ToolCall;
import dev.portcullis.runtime.counter.CounterStore;
import dev.portcullis.runtime.counter.RateCounter;
import dev.portcullis.runtime.eval.ArgumentValues;
import dev.portcullis.runtime.eval.IncrementAmounts;
import dev.portcullis.runtime.eval.RegexMatcher;
import dev.portcullis.runtime.eval.ValueSemantics;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Evaluates the IR directly: the reference semantics that every compiled policy must reproduce
 * (effect, rule id, reason and rate-limit details), kept simple enough to be obviously right.
 *
 * <p>The decision for a call, in this order (see {@code docs/canonical-format.md}):
 * <ol>
 *   <li>a hidden tool is denied ({@code hide});</li>
 *   <li>with no entry for the tool, a {@code deny} default denies ({@code default}); under
 *       {@code allow} only {@code all_tools} applies;</li>
 *   <li>an applicable entry (the tool's, then {@code all_tools}) with {@code action: deny} denies;</li>
 *   <li>the entries' rules run in order, the tool's before {@code all_tools}'; the first deny rule,
 *       failing {@code require}/{@code evaluate} rule or holding {@code deny_if} denies;</li>
 *   <li>{@code action: require_approval}, or a {@code require_approval} rule whose condition holds,
 *       requires approval (the tool's entry first) and takes no quota;</li>
 *   <li>every limit is charged, all or nothing: first every amount is resolved (an unusable
 *       {@code increment_from} value denies), then counters are charged in order and the first
 *       without room denies with its rate-limit details;</li>
 *   <li>otherwise the call is allowed by its entry, or by {@code default}.</li>
 * </ol>
 * Any exception during evaluation yields {@link Decision#evaluationFailed} (DENY) and charges nothing.
 */
public final class PolicyInterpreter implements CompiledPolicy {

    private final Policy policy;
    private final Map<String, RateCounter> counters = new HashMap<>();
    private final Map<Condition.Comparison, Object> literals = new IdentityHashMap<>();
    private final Map<String, RegexMatcher> patterns = new HashMap<>();

    /**
     * @param policy a policy whose checks reported no error
     * @param store  where the policy's counters live
     * @throws IllegalArgumentException when a regex does not compile, a {@code state.} path names no
     *                                  counter, or the store holds a counter of the same name with
     *                                  another definition
     */
    public PolicyInterpreter(Policy policy, CounterStore store) {
        this.policy = Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(store, "store");
        for (CounterDefinition counter : policy.counters().values()) {
            counters.put(counter.name(), store.counter(counter.spec()));
        }
        for (ToolEntry entry : policy.entries()) {
            for (Rule rule : entry.rules()) {
                prepare(rule);
            }
        }
    }

    private void prepare(Rule rule) {
        if (rule instanceof Rule.Require r) {
            prepare(r.condition());
        } else if (rule instanceof Rule.DenyIf r) {
            prepare(r.condition());
        } else if (rule instanceof Rule.RequireApproval r) {
            prepare(r.condition());
        }
    }

    private void prepare(Condition condition) {
        if (condition instanceof Condition.Comparison comparison) {
            literals.put(comparison, comparison.value().javaValue());
            if (comparison.value() instanceof Value.StringValue pattern && comparison.operator() == Operator.REGEX) {
                try {
                    patterns.computeIfAbsent(pattern.value(), RegexMatcher::compile);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("policy '" + policy.name() + "' has an invalid regex at "
                            + comparison.position() + ": " + e.getMessage(), e);
                }
            }
            if (comparison.path() instanceof StatePath state && !counters.containsKey(state.counter())) {
                throw new IllegalArgumentException("policy '" + policy.name() + "' reads " + state.text() + " at "
                        + comparison.position() + " but defines no counter '" + state.counter() + "'");
            }
        } else if (condition instanceof Condition.All all) {
            all.conditions().forEach(this::prepare);
        } else if (condition instanceof Condition.Any any) {
            any.conditions().forEach(this::prepare);
        } else if (condition instanceof Condition.Not not) {
            prepare(not.condition());
        }
    }

    @Override
    public String name() {
        return policy.name();
    }

    @Override
    public boolean isHidden(String tool) {
        return policy.isHidden(tool);
    }

    /** The policy this interpreter evaluates. */
    public Policy policy() {
        return policy;
    }

    @Override
    public Reservation reserve(ToolCall call) {
        try {
            return evaluate(call);
        } catch (Exception | StackOverflowError e) {
            return InterpretedReservation.settled(Decision.evaluationFailed(e));
        }
    }

    private Reservation evaluate(ToolCall call) {
        String tool = call.tool();
        if (policy.isHidden(tool)) {
            return InterpretedReservation.settled(Decision.deny("hide", DecisionReasons.hidden(tool)));
        }
        ToolEntry own = policy.entryFor(tool).orElse(null);
        if (own == null && policy.defaultPosture() == DefaultPosture.DENY) {
            return InterpretedReservation.settled(Decision.deny("default", DecisionReasons.notPermitted(tool)));
        }
        List<ToolEntry> applicable = new ArrayList<>(2);
        if (own != null) {
            applicable.add(own);
        }
        policy.allTools().ifPresent(applicable::add);

        Decision decided = denyChecks(applicable, call);
        if (decided == null) {
            decided = approvalChecks(applicable, call);
        }
        if (decided != null) {
            return InterpretedReservation.settled(decided);
        }
        Decision allowed = own == null
                ? Decision.allow("default", DecisionReasons.allowedByDefault(tool))
                : Decision.allow(own.id(), own.reason());
        return chargeLimits(applicable, call, allowed);
    }

    /** Steps 3 and 4: the first denial, or {@code null}. */
    private Decision denyChecks(List<ToolEntry> applicable, ToolCall call) {
        for (ToolEntry entry : applicable) {
            if (entry.action() == EntryAction.DENY) {
                return Decision.deny(entry.id(), entry.reason());
            }
        }
        for (ToolEntry entry : applicable) {
            for (Rule rule : entry.rules()) {
                boolean denies;
                if (rule instanceof Rule.Deny) {
                    denies = true;
                } else if (rule instanceof Rule.Require require) {
                    denies = !holds(require.condition(), call);
                } else if (rule instanceof Rule.DenyIf denyIf) {
                    denies = holds(denyIf.condition(), call);
                } else {
                    denies = false;
                }
                if (denies) {
                    return Decision.deny(rule.id(), rule.reason());
                }
            }
        }
        return null;
    }

    /** Step 5: the first approval requirement, or {@code null}. */
    private Decision approvalChecks(List<ToolEntry> applicable, ToolCall call) {
        for (ToolEntry entry : applicable) {
            if (entry.action() == EntryAction.REQUIRE_APPROVAL) {
                return Decision.requireApproval(entry.id(), entry.reason());
            }
            for (Rule rule : entry.rules()) {
                if (rule instanceof Rule.RequireApproval approval && holds(approval.condition(), call)) {
                    return Decision.requireApproval(rule.id(), rule.reason());
                }
            }
        }
        return null;
    }

    /** Steps 6 and 7: charges every limit all-or-nothing, or denies. */
    private Reservation chargeLimits(List<ToolEntry> applicable, ToolCall call, Decision allowed) {
        List<Limit> limits = new ArrayList<>();
        List<InterpretedReservation.Charge> planned = new ArrayList<>();
        for (ToolEntry entry : applicable) {
            for (Limit limit : entry.limits()) {
                Object amount = amount(limit, call);
                if (amount instanceof Decision denial) {
                    return InterpretedReservation.settled(denial);
                }
                limits.add(limit);
                planned.add(new InterpretedReservation.Charge(counters.get(limit.id()), limit.counter().keyOf(call),
                        (Long) amount, call.timeMillis()));
            }
        }
        List<InterpretedReservation.Charge> taken = new ArrayList<>(planned.size());
        int refused = -1;
        long retryAfter = 0;
        try {
            for (int i = 0; i < planned.size() && refused < 0; i++) {
                InterpretedReservation.Charge charge = planned.get(i);
                if (charge.amount() == 0) {
                    continue;
                }
                retryAfter = charge.counter().tryAcquire(charge.key(), charge.amount(), charge.atMillis());
                if (retryAfter == 0) {
                    taken.add(charge);
                } else {
                    refused = i;
                }
            }
        } catch (RuntimeException e) {
            InterpretedReservation.giveBackAll(taken);
            throw e;
        }
        if (refused < 0) {
            return new InterpretedReservation(allowed, taken);
        }
        // given back exactly once, before describing the refusal: describing reads the counter, which may
        // fail too, and a second give-back would return quota that committed calls hold
        InterpretedReservation.giveBackAll(taken);
        return InterpretedReservation.settled(rateLimited(limits.get(refused), planned.get(refused), retryAfter));
    }

    private static Decision rateLimited(Limit limit, InterpretedReservation.Charge charge, long retryAfter) {
        CounterDefinition counter = limit.counter();
        long count = charge.counter().count(charge.key(), charge.atMillis());
        RateLimitDenial denial = new RateLimitDenial(counter.name(), counter.max(), counter.windowMillis(), count,
                retryAfter);
        return Decision.rateLimited(denial, DecisionReasons.rateLimited(limit, charge.amount(), denial));
    }

    /** The amount a limit takes from this call ({@link Long}), or the {@link Decision} denying the call. */
    private static Object amount(Limit limit, ToolCall call) {
        if (limit.incrementFrom().isEmpty()) {
            return limit.increment();
        }
        Object value = ArgumentValues.resolve(call.arguments(), limit.incrementFrom().get().segments());
        String problem = IncrementAmounts.problem(value);
        if (problem != null) {
            return Decision.deny(limit.id(), DecisionReasons.unusableIncrement(limit, problem));
        }
        return IncrementAmounts.amount(value);
    }

    private boolean holds(Condition condition, ToolCall call) {
        if (condition instanceof Condition.Comparison comparison) {
            return compare(comparison, call);
        }
        if (condition instanceof Condition.All all) {
            for (Condition c : all.conditions()) {
                if (!holds(c, call)) {
                    return false;
                }
            }
            return true;
        }
        if (condition instanceof Condition.Any any) {
            for (Condition c : any.conditions()) {
                if (holds(c, call)) {
                    return true;
                }
            }
            return false;
        }
        return !holds(((Condition.Not) condition).condition(), call);
    }

    private boolean compare(Condition.Comparison comparison, ToolCall call) {
        Object actual;
        if (comparison.path() instanceof ArgPath path) {
            actual = ArgumentValues.resolve(call.arguments(), path.segments());
        } else {
            String counter = ((StatePath) comparison.path()).counter();
            actual = counters.get(counter).count(policy.counters().get(counter).keyOf(call), call.timeMillis());
        }
        Object expected = literals.get(comparison);
        if (comparison.operator() == Operator.EXISTS) {
            return (actual != null) == (Boolean) expected;
        }
        if (actual == null) {
            return false;
        }
        return switch (comparison.operator()) {
            case EQ -> ValueSemantics.equal(actual, expected);
            case NEQ -> !ValueSemantics.equal(actual, expected);
            case IN -> ValueSemantics.in(actual, (List<?>) expected);
            case NOT_IN -> !ValueSemantics.in(actual, (List<?>) expected);
            case LT -> ordered(actual, expected, sign -> sign < 0);
            case LTE -> ordered(actual, expected, sign -> sign <= 0);
            case GT -> ordered(actual, expected, sign -> sign > 0);
            case GTE -> ordered(actual, expected, sign -> sign >= 0);
            case REGEX -> patterns.get((String) expected).find(actual);
            case CONTAINS -> ValueSemantics.contains(actual, expected);
            case STARTS_WITH -> ValueSemantics.startsWith(actual, (String) expected);
            case ENDS_WITH -> ValueSemantics.endsWith(actual, (String) expected);
            case EXISTS -> throw new IllegalStateException("exists is decided above");
        };
    }

    private static boolean ordered(Object actual, Object expected, java.util.function.IntPredicate accept) {
        Integer sign = ValueSemantics.compareNumber(actual, (BigDecimal) expected);
        return sign != null && accept.test(sign);
    }
}
