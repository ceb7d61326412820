package dev.portcullis.cli.explain;

import dev.portcullis.compiler.ir.Condition;
import java.util.List;
import java.util.Objects;

/** How a condition was evaluated for one call: the actual values read and each part's result. */
public sealed interface ConditionTrace {

    Condition condition();

    boolean holds();

    /**
     * A comparison with the value it read.
     *
     * @param actual the argument's value, {@code null} when missing; for a {@code state.} path the counter's count
     */
    record Compared(Condition.Comparison condition, Object actual, boolean holds) implements ConditionTrace {
        public Compared {
            Objects.requireNonNull(condition, "condition");
        }
    }

    /**
     * {@code all}, {@code any} or {@code not} with the parts that were evaluated, in order: evaluation
     * stops at the first part that decides, as it does in every evaluator, so later parts may be missing.
     */
    record Combined(Condition condition, List<ConditionTrace> evaluated, boolean holds) implements ConditionTrace {
        public Combined {
            Objects.requireNonNull(condition, "condition");
            evaluated = List.copyOf(evaluated);
        }

        /** How many parts were not evaluated because an earlier one decided. */
        public int skipped() {
            int parts;
            if (condition instanceof Condition.All all) {
                parts = all.conditions().size();
            } else if (condition instanceof Condition.Any any) {
                parts = any.conditions().size();
            } else {
                parts = 1;
            }
            return parts - evaluated.size();
        }
    }
}
