package dev.portcullis.compiler.ir;

import dev.portcullis.runtime.eval.DecisionTexts;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A literal a condition compares against. Numbers are exact: {@code 1}, {@code 1.0} and
 * {@code 1.00} are the same {@link NumberValue}.
 */
public sealed interface Value {

    /**
     * The literal as the plain Java object the evaluators work on: {@link String}, {@link BigDecimal}
     * (without trailing zeros), {@link Boolean}, or an unmodifiable {@link List} of those.
     */
    Object javaValue();

    /** The literal as a policy writes it in JSON ({@code "x"}, {@code 10}, {@code true}, {@code ["a", 1]}). */
    String text();

    record StringValue(String value) implements Value {
        public StringValue {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public Object javaValue() {
            return value;
        }

        @Override
        public String text() {
            return quote(value);
        }
    }

    /** Beyond this many zeros, a number is shown in scientific notation rather than expanded. */
    int PLAIN_SCALE_LIMIT = 40;

    /** An exact number, normalised without trailing zeros so that equal numbers are equal records. */
    record NumberValue(BigDecimal value) implements Value {
        public NumberValue {
            Objects.requireNonNull(value, "value");
            value = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
        }

        public static NumberValue of(long value) {
            return new NumberValue(BigDecimal.valueOf(value));
        }

        /** Whether the number is whole and fits a {@code long} (code generators may compare it as such). */
        public boolean isLong() {
            return value.scale() <= 0 && value.precision() - value.scale() <= 19 && fitsLong();
        }

        private boolean fitsLong() {
            try {
                value.longValueExact();
                return true;
            } catch (ArithmeticException e) {
                return false;
            }
        }

        @Override
        public Object javaValue() {
            return value;
        }

        /** Plain decimal form ({@code 1000}, {@code 0.25}); scientific only for extreme exponents. */
        @Override
        public String text() {
            return Math.abs((long) value.scale()) <= PLAIN_SCALE_LIMIT ? value.toPlainString() : value.toString();
        }
    }

    record BooleanValue(boolean value) implements Value {
        @Override
        public Object javaValue() {
            return value;
        }

        @Override
        public String text() {
            return Boolean.toString(value);
        }
    }

    record ListValue(List<Value> values) implements Value {
        public ListValue {
            values = List.copyOf(values);
        }

        @Override
        public Object javaValue() {
            List<Object> java = new ArrayList<>(values.size());
            for (Value v : values) {
                java.add(v.javaValue());
            }
            return List.copyOf(java);
        }

        @Override
        public String text() {
            StringBuilder text = new StringBuilder("[");
            for (int i = 0; i < values.size(); i++) {
                text.append(i == 0 ? "" : ", ").append(values.get(i).text());
            }
            return text.append(']').toString();
        }
    }

    /** JSON string syntax, so a reason shows exactly which literal a rule compared against. */
    static String quote(String s) {
        return DecisionTexts.quote(s);
    }
}
