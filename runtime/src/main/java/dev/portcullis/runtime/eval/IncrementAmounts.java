package dev.portcullis.runtime.eval;

import java.math.BigDecimal;

/**
 * What a limit's {@code increment_from} argument charges: a whole number from 0 to
 * {@link Long#MAX_VALUE}. Anything else denies the call (fail closed) with {@link #problem}'s words.
 * An {@code Integer} or {@code Long} argument, the usual case, is read without allocating.
 */
public final class IncrementAmounts {

    private IncrementAmounts() {
    }

    /**
     * Why the value cannot be charged ({@code is missing}, {@code is negative (got -2)}, ...), or
     * {@code null} when {@link #amount} can read it.
     *
     * @throws IllegalArgumentException for a number that cannot be compared at all (NaN, infinities)
     */
    public static String problem(Object value) {
        if (value == null) {
            return "is missing";
        }
        if ((value instanceof Integer || value instanceof Long) && ((Number) value).longValue() >= 0) {
            return null;
        }
        BigDecimal number = ValueSemantics.decimalOrNull(value);
        if (number == null) {
            return "is not a number (got " + DecisionTexts.show(value) + ")";
        } else if (number.signum() < 0) {
            return "is negative (got " + DecisionTexts.show(value) + ")";
        } else if (number.stripTrailingZeros().scale() > 0) {
            return "is not a whole number (got " + DecisionTexts.show(value) + ")";
        } else if (number.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            return "is too large (got " + DecisionTexts.show(value) + ")";
        }
        return null;
    }

    /** The amount of a value whose {@link #problem} is {@code null}; {@code 0} charges nothing. */
    public static long amount(Object value) {
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        return ValueSemantics.decimalOrNull(value).longValueExact();
    }
}
