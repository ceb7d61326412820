package dev.portcullis.cli.explain;

import dev.portcullis.compiler.interpret.DecisionReasons;
import dev.portcullis.compiler.interpret.PolicyInterpreter;
import dev.portcullis.compiler.ir.ArgPath;
import dev.portcullis.compiler.ir.Condition;
import dev.portcullis.compiler.ir.CounterDefinition;
import dev.portcullis.compiler.ir.DefaultPosture;
import dev.portcullis.compiler.ir.EntryAction;
import dev.portcullis.compiler.ir.Limit;
import dev.portcullis.compiler.ir.Policy;
import dev.portcullis.compiler.ir.Rule;
import dev.portcullis.compiler.ir.StatePath;
import dev.portcullis.compiler.ir.ToolEntry;
import dev.portcullis.runtime.Decision;
import dev.portcullis.runtime.RateLimitDenial;
import dev.portcullis.runtime.ToolCall;
import dev.portcullis.runtime.counter.CounterStore;
import dev.portcullis.runtime.counter.RateCounter;
import dev.portcullis.runtime.eval.ArgumentValues;
import dev.portcullis.runtime.eval.Conditions;
import dev.portcullis.runtime.eval.CounterKeys;
import dev.portcullis.runtime.eval.IncrementAmounts;
import dev.portcullis.runtime.eval.NumberLiteral;
import dev.portcullis.runtime.eval.RegexMatcher;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides a call as {@link PolicyInterpreter} does and records every step on the way: which entry matched,
 * each rule's condition with the actual values it read, each limit with its counter's count. It walks the
 * same IR in the same order and compares values with the runtime primitives every evaluator shares
 * ({@link Conditions}, {@link RegexMatcher}, {@link IncrementAmounts}, {@link CounterKeys}); its tests check
 * that its decision always equals the interpreter's.
 *
 * <p>Like {@link PolicyInterpreter#decide}, an allowed call is counted: explaining a sequence of calls
 * shows how the counters fill. Not thread-safe.
 */
public final class Explainer {

    private final Policy policy;
    private final Map<String, RateCounter> counters = new HashMap<>();
    private final Map<String, RegexMatcher> patterns = new HashMap<>();

    /**
     * @param policy a policy whose checks reported no error
     * @param store  where its counters live (share it with an interpreter to explain a call after a history)
     * @throws IllegalArgumentException as {@link PolicyInterpreter}'s constructor does, for the same policies
     */
    public Explainer(Policy policy, CounterStore store) {
        this.policy = Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(store, "store");
        // the interpreter's constructor validates regexes and state paths; failing the same way keeps both in step
        new PolicyInterpreter(policy, store);
        for (CounterDefinition counter : policy.counters().values()) {
            counters.put(counter.name(), store.counter(counter.spec()));
        }
    }

    /** Decides {@code call}, counting it when it is allowed, and says how. Never throws for any call. */
    public Explanation explain(ToolCall call) {
        List<Step> steps = new ArrayList<>();
        Decision decision;
        try {
            decision = decide(call, steps);
        } catch (Exception | StackOverflowError failure) {
            steps.add(new Step.EvaluationFailed(failure.getClass().getSimpleName()
                    + (failure.getMessage() == null ? "" : ": " + failure.getMessage())));
            decision = Decision.evaluationFailed(failure);
        }
        return new Explanation(policy.name(), call, steps, decision);
    }

    private Decision decide(ToolCall call, List<Step> steps) {
        String tool = call.tool();
        boolean hidden = policy.isHidden(tool);
        steps.add(new Step.HiddenCheck(hidden, policy.hideAll()));
        if (hidden) {
            return Decision.deny("hide", DecisionReasons.hidden(tool));
        }
        Optional<ToolEntry> own = policy.entryFor(tool);
        List<ToolEntry> applicable = new ArrayList<>(2);
        if (own.isEmpty() && policy.defaultPosture() == DefaultPosture.DENY) {
            steps.add(new Step.EntrySelection(own, applicable, policy.defaultPosture()));
            return Decision.deny("default", DecisionReasons.notPermitted(tool));
        }
        own.ifPresent(applicable::add);
        policy.allTools().ifPresent(applicable::add);
        steps.add(new Step.EntrySelection(own, applicable, policy.defaultPosture()));

        Decision decided = denyChecks(applicable, call, steps);
        if (decided == null) {
            decided = approvalChecks(applicable, call, steps);
        }
        if (decided != null) {
            return decided;
        }
        Decision allowed = own.isEmpty()
                ? Decision.allow("default", DecisionReasons.allowedByDefault(tool))
                : Decision.allow(own.get().id(), own.get().reason());
        return chargeLimits(applicable, call, allowed, steps);
    }

    /** Steps 3 and 4. */
    private Decision denyChecks(List<ToolEntry> applicable, ToolCall call, List<Step> steps) {
        for (ToolEntry entry : applicable) {
            boolean denies = entry.action() == EntryAction.DENY;
            steps.add(new Step.EntryActionCheck(entry, denies));
            if (denies) {
                return Decision.deny(entry.id(), entry.reason());
            }
        }
        for (ToolEntry entry : applicable) {
            for (Rule rule : entry.rules()) {
                Optional<ConditionTrace> trace = Optional.empty();
                boolean denies;
                if (rule instanceof Rule.Deny) {
                    denies = true;
                } else if (rule instanceof Rule.Require require) {
                    trace = Optional.of(trace(require.condition(), call));
                    denies = !trace.get().holds();
                } else if (rule instanceof Rule.DenyIf denyIf) {
                    trace = Optional.of(trace(denyIf.condition(), call));
                    denies = trace.get().holds();
                } else {
                    // approval rules are step 5
                    continue;
                }
                steps.add(new Step.RuleCheck(entry, rule, trace, denies));
                if (denies) {
                    return Decision.deny(rule.id(), rule.reason());
                }
            }
        }
        return null;
    }

    /** Step 5. */
    private Decision approvalChecks(List<ToolEntry> applicable, ToolCall call, List<Step> steps) {
        for (ToolEntry entry : applicable) {
            if (entry.action() == EntryAction.REQUIRE_APPROVAL) {
                steps.add(new Step.EntryActionCheck(entry, true));
                return Decision.requireApproval(entry.id(), entry.reason());
            }
            for (Rule rule : entry.rules()) {
                if (rule instanceof Rule.RequireApproval approval) {
                    ConditionTrace trace = trace(approval.condition(), call);
                    steps.add(new Step.RuleCheck(entry, rule, Optional.of(trace), trace.holds()));
                    if (trace.holds()) {
                        return Decision.requireApproval(rule.id(), rule.reason());
                    }
                }
            }
        }
        return null;
    }

    /** Steps 6 and 7: every amount and key first, then the charges, all or nothing. */
    private Decision chargeLimits(List<ToolEntry> applicable, ToolCall call, Decision allowed, List<Step> steps) {
        List<Limit> limits = new ArrayList<>();
        for (ToolEntry entry : applicable) {
            limits.addAll(entry.limits());
        }
        List<String> keys = new ArrayList<>();
        List<Long> amounts = new ArrayList<>();
        for (Limit limit : limits) {
            long amount = limit.increment();
            if (limit.incrementFrom().isPresent()) {
                Object value = ArgumentValues.resolve(call.arguments(), limit.incrementFrom().get().segments());
                String problem = IncrementAmounts.problem(value);
                if (problem != null) {
                    unusableIncrement(limits, keys, amounts, problem, call, steps);
                    return Decision.deny(limit.id(), DecisionReasons.unusableIncrement(limit, problem));
                }
                amount = IncrementAmounts.amount(value);
            }
            keys.add(limit.counter().keyOf(call));
            amounts.add(amount);
        }
        List<Integer> chargedSteps = new ArrayList<>();
        for (int i = 0; i < limits.size(); i++) {
            Limit limit = limits.get(i);
            RateCounter counter = counters.get(limit.id());
            long amount = amounts.get(i);
            long countBefore = counter.count(keys.get(i), call.timeMillis());
            if (amount == 0) {
                steps.add(limitStep(limit, keys.get(i), 0, countBefore, Step.LimitOutcome.NOTHING_TO_CHARGE, 0));
                continue;
            }
            long retryAfter;
            try {
                retryAfter = counter.tryAcquire(keys.get(i), amount, call.timeMillis());
            } catch (RuntimeException failure) {
                giveBack(chargedSteps, steps, call);
                throw failure;
            }
            if (retryAfter != 0) {
                giveBack(chargedSteps, steps, call);
                steps.add(limitStep(limit, keys.get(i), amount, countBefore, Step.LimitOutcome.NO_ROOM, retryAfter));
                for (int later = i + 1; later < limits.size(); later++) {
                    steps.add(limitStep(limits.get(later), keys.get(later), amounts.get(later),
                            count(limits.get(later), keys.get(later), call), Step.LimitOutcome.NOT_REACHED, 0));
                }
                CounterDefinition definition = limit.counter();
                RateLimitDenial denial = new RateLimitDenial(definition.name(), definition.max(), definition.windowMillis(),
                        counter.count(keys.get(i), call.timeMillis()), retryAfter);
                return Decision.rateLimited(denial, DecisionReasons.rateLimited(limit, amount, denial));
            }
            chargedSteps.add(steps.size());
            steps.add(limitStep(limit, keys.get(i), amount, countBefore, Step.LimitOutcome.CHARGED, 0));
        }
        return allowed;
    }

    /** An unusable {@code increment_from}: no counter is touched, the limits resolved so far included. */
    private void unusableIncrement(List<Limit> limits, List<String> keys, List<Long> amounts, String problem, ToolCall call,
                                   List<Step> steps) {
        int unusable = keys.size();
        for (int i = 0; i < unusable; i++) {
            steps.add(limitStep(limits.get(i), keys.get(i), amounts.get(i), count(limits.get(i), keys.get(i), call),
                    Step.LimitOutcome.NOT_REACHED, 0));
        }
        steps.add(new Step.LimitCheck(limits.get(unusable), null, -1, -1, Step.LimitOutcome.UNUSABLE_INCREMENT, 0, problem));
        for (Limit notResolved : limits.subList(unusable + 1, limits.size())) {
            steps.add(new Step.LimitCheck(notResolved, null, -1, -1, Step.LimitOutcome.NOT_REACHED, 0, null));
        }
    }

    /** All or nothing: what earlier limits took goes back when a later one has no room. */
    private void giveBack(List<Integer> chargedSteps, List<Step> steps, ToolCall call) {
        for (int index : chargedSteps) {
            Step.LimitCheck charged = (Step.LimitCheck) steps.get(index);
            counters.get(charged.limit().id()).release(charged.key(), charged.amount(), call.timeMillis());
            steps.set(index, limitStep(charged.limit(), charged.key(), charged.amount(), charged.countBefore(),
                    Step.LimitOutcome.GIVEN_BACK, 0));
        }
    }

    private long count(Limit limit, String key, ToolCall call) {
        return counters.get(limit.id()).count(key, call.timeMillis());
    }

    private static Step.LimitCheck limitStep(Limit limit, String key, long amount, long countBefore,
                                             Step.LimitOutcome outcome, long retryAfterMillis) {
        return new Step.LimitCheck(limit, key, amount, countBefore, outcome, retryAfterMillis, null);
    }

    private ConditionTrace trace(Condition condition, ToolCall call) {
        if (condition instanceof Condition.Comparison comparison) {
            return compare(comparison, call);
        }
        List<ConditionTrace> evaluated = new ArrayList<>();
        if (condition instanceof Condition.All all) {
            for (Condition part : all.conditions()) {
                ConditionTrace traced = trace(part, call);
                evaluated.add(traced);
                if (!traced.holds()) {
                    return new ConditionTrace.Combined(condition, evaluated, false);
                }
            }
            return new ConditionTrace.Combined(condition, evaluated, true);
        }
        if (condition instanceof Condition.Any any) {
            for (Condition part : any.conditions()) {
                ConditionTrace traced = trace(part, call);
                evaluated.add(traced);
                if (traced.holds()) {
                    return new ConditionTrace.Combined(condition, evaluated, true);
                }
            }
            return new ConditionTrace.Combined(condition, evaluated, false);
        }
        ConditionTrace negated = trace(((Condition.Not) condition).condition(), call);
        return new ConditionTrace.Combined(condition, List.of(negated), !negated.holds());
    }

    private ConditionTrace.Compared compare(Condition.Comparison comparison, ToolCall call) {
        Object actual;
        if (comparison.path() instanceof ArgPath path) {
            actual = ArgumentValues.resolve(call.arguments(), path.segments());
        } else {
            String counter = ((StatePath) comparison.path()).counter();
            actual = counters.get(counter).count(policy.counters().get(counter).keyOf(call), call.timeMillis());
        }
        return new ConditionTrace.Compared(comparison, actual, holds(comparison, actual));
    }

    /** The runtime's {@link Conditions}, which compiled policies call too, for each operator. */
    private boolean holds(Condition.Comparison comparison, Object actual) {
        Object literal = comparison.value().javaValue();
        return switch (comparison.operator()) {
            case EXISTS -> Conditions.exists(actual, (Boolean) literal);
            case EQ -> literal instanceof BigDecimal number ? Conditions.eq(actual, NumberLiteral.of(number))
                    : Conditions.eq(actual, literal);
            case NEQ -> literal instanceof BigDecimal number ? Conditions.neq(actual, NumberLiteral.of(number))
                    : Conditions.neq(actual, literal);
            case IN -> Conditions.in(actual, (List<?>) literal);
            case NOT_IN -> Conditions.notIn(actual, (List<?>) literal);
            case LT -> Conditions.lt(actual, NumberLiteral.of((BigDecimal) literal));
            case LTE -> Conditions.lte(actual, NumberLiteral.of((BigDecimal) literal));
            case GT -> Conditions.gt(actual, NumberLiteral.of((BigDecimal) literal));
            case GTE -> Conditions.gte(actual, NumberLiteral.of((BigDecimal) literal));
            case REGEX -> Conditions.regex(actual, patterns.computeIfAbsent((String) literal, RegexMatcher::compile));
            case CONTAINS -> Conditions.contains(actual, literal);
            case STARTS_WITH -> Conditions.startsWith(actual, (String) literal);
            case ENDS_WITH -> Conditions.endsWith(actual, (String) literal);
        };
    }
}
