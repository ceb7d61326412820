package dev.portcullis.compiler.interpret;

import dev.portcullis.compiler.ir.CounterDefinition;
import dev.portcullis.compiler.ir.Limit;
import dev.portcullis.runtime.RateLimitDenial;
import dev.portcullis.runtime.eval.DecisionTexts;

/**
 * The reasons of decisions that depend on the call (its tool, a counter's state), for IR limits. Rule
 * reasons are static and already in the IR. The words come from {@link DecisionTexts}, which compiled
 * policies use too, so every evaluator of a policy produces exactly these sentences.
 */
public final class DecisionReasons {

    private DecisionReasons() {
    }

    public static String hidden(String tool) {
        return DecisionTexts.hidden(tool);
    }

    public static String notPermitted(String tool) {
        return DecisionTexts.notPermitted(tool);
    }

    public static String allowedByDefault(String tool) {
        return DecisionTexts.allowedByDefault(tool);
    }

    /**
     * {@code limit c: 10 per minute per grant reached (10/10); retry after 48 s}, after the limit's
     * {@code on_deny} when it has one.
     */
    public static String rateLimited(Limit limit, long amount, RateLimitDenial denial) {
        CounterDefinition counter = limit.counter();
        return DecisionTexts.rateLimited(counter.name(), counter.budgetText(), counter.max(),
                limit.onDeny().orElse(null), amount, denial);
    }

    /** Why a limit's {@code increment_from} value cannot be charged; the call is denied to fail closed. */
    public static String unusableIncrement(Limit limit, String problem) {
        String path = limit.incrementFrom().map(Object::toString).orElse("increment_from");
        return DecisionTexts.unusableIncrement(limit.id(), path, problem);
    }
}
