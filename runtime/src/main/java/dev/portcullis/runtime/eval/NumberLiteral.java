package dev.portcullis.runtime.eval;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A number a policy compares against, with its {@code long} form when it has one, so that comparing
 * it with an {@code Integer} or {@code Long} argument (the usual case) needs no {@link BigDecimal}.
 *
 * @param value     the exact number
 * @param isLong    whether {@code value} is whole and fits a {@code long}
 * @param longValue {@code value} as a {@code long} when {@code isLong}, else 0
 */
public record NumberLiteral(BigDecimal value, boolean isLong, long longValue) {

    public NumberLiteral {
        Objects.requireNonNull(value, "value");
    }

    public static NumberLiteral of(BigDecimal value) {
        BigDecimal stripped = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
        if (stripped.scale() <= 0 && stripped.precision() - stripped.scale() <= 19) {
            try {
                return new NumberLiteral(stripped, true, stripped.longValueExact());
            } catch (ArithmeticException tooLarge) {
                return new NumberLiteral(stripped, false, 0);
            }
        }
        return new NumberLiteral(stripped, false, 0);
    }

    /** The sign of {@code actual - this} when {@code actual} is a number, else {@code null}. */
    Integer compareFrom(Object actual) {
        if (isLong && (actual instanceof Long || actual instanceof Integer)) {
            return Long.compare(((Number) actual).longValue(), longValue);
        }
        return ValueSemantics.compareNumber(actual, value);
    }
}
