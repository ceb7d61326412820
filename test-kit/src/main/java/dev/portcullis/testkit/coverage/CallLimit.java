package dev.portcullis.testkit.coverage;

import dev.portcullis.runtime.counter.CounterSpec;
import dev.portcullis.runtime.eval.ArgumentValues;
import dev.portcullis.runtime.eval.IncrementAmounts;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A limit that the calls of a tool are charged against when the policy allows them.
 *
 * @param counter       the counter's name: what a denial by the limit names
 * @param rule          the rule that declares the limit, if a rule does; a denial by the limit, or a
 *                      charge of it, exercises that rule as well
 * @param increment     what a call takes when {@code incrementFrom} is empty
 * @param incrementFrom the path of the argument whose value a call takes instead (its segments); empty
 *                      when the amount is {@code increment}
 * @param budget        the counter's definition, when known
 * @param keying        whose budget a call is charged to, when known
 */
public record CallLimit(String counter, Optional<String> rule, long increment, List<String> incrementFrom,
                        Optional<CounterSpec> budget, Optional<CallerKeying> keying) {

    public CallLimit {
        Objects.requireNonNull(counter, "counter");
        Objects.requireNonNull(rule, "rule");
        incrementFrom = List.copyOf(incrementFrom);
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(keying, "keying");
    }

    /** A limit known only by its counter's name: one per call, no rule, no known budget or keying. */
    public static CallLimit ofCounter(String counter) {
        return new CallLimit(counter, Optional.empty(), 1, List.of(), Optional.empty(), Optional.empty());
    }

    /**
     * What a call with these arguments takes from the counter; {@code 0} when it takes nothing, which
     * includes an {@code increment_from} value the policy cannot charge (such a call is denied anyway).
     */
    public long amount(Map<String, Object> arguments) {
        if (incrementFrom.isEmpty()) {
            return increment;
        }
        Object value = ArgumentValues.resolve(arguments, incrementFrom);
        try {
            return IncrementAmounts.problem(value) == null ? IncrementAmounts.amount(value) : 0;
        } catch (IllegalArgumentException | ArithmeticException unusable) {
            return 0;
        }
    }
}
