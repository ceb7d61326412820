package dev.portcullis.compiler.ir;

import dev.portcullis.compiler.source.SourcePosition;
import java.util.List;
import java.util.Objects;

/**
 * A boolean test of a call: a comparison, or {@code all}/{@code any}/{@code not} of conditions.
 * Every element keeps the position of what the user wrote.
 */
public sealed interface Condition {

    SourcePosition position();

    /** How reasons and diagnostics show the condition, e.g. {@code args.amount lte 50000}. */
    String text();

    /**
     * {@code path op value}. A missing argument makes every operator false except {@code exists}.
     *
     * @param path     what is read
     * @param operator how it is compared
     * @param value    the literal, of a kind {@link Operator#accepts} accepts
     */
    record Comparison(ValuePath path, Operator operator, Value value, SourcePosition position) implements Condition {
        public Comparison {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(position, "position");
            if (!operator.accepts(value)) {
                throw new IllegalArgumentException("operator " + operator.wireName() + " needs "
                        + operator.operand().description() + " value, got " + value.text());
            }
        }

        @Override
        public String text() {
            return path.text() + " " + operator.wireName() + " " + value.text();
        }
    }

    /** Holds when every condition holds; {@code all []} always holds. */
    record All(List<Condition> conditions, SourcePosition position) implements Condition {
        public All {
            conditions = List.copyOf(conditions);
            Objects.requireNonNull(position, "position");
        }

        @Override
        public String text() {
            return join("all", conditions);
        }
    }

    /** Holds when some condition holds; {@code any []} never holds. */
    record Any(List<Condition> conditions, SourcePosition position) implements Condition {
        public Any {
            conditions = List.copyOf(conditions);
            Objects.requireNonNull(position, "position");
        }

        @Override
        public String text() {
            return join("any", conditions);
        }
    }

    record Not(Condition condition, SourcePosition position) implements Condition {
        public Not {
            Objects.requireNonNull(condition, "condition");
            Objects.requireNonNull(position, "position");
        }

        @Override
        public String text() {
            return "not(" + condition.text() + ")";
        }
    }

    private static String join(String name, List<Condition> conditions) {
        StringBuilder text = new StringBuilder(name).append('(');
        for (int i = 0; i < conditions.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(conditions.get(i).text());
        }
        return text.append(')').toString();
    }
}
