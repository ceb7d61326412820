package dev.portcullis.runtime.eval;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How conditions compare a call's argument values with a policy's literals (Intercept's semantics,
 * made exact). Argument values have the shapes of {@link dev.portcullis.runtime.ToolCall#arguments()};
 * literals are {@link String}, {@link BigDecimal}, {@link Boolean} or {@link List} of literals (as
 * {@code Value.javaValue()} gives them). Callers handle a missing or {@code null} argument before
 * calling these: it makes every operator false except {@code exists}.
 *
 * <ul>
 *   <li>Numbers compare exactly as decimals, whatever their Java type: {@code 1}, {@code 1L},
 *       {@code 1.0d} and {@code BigDecimal("1.00")} are equal; a {@code double} counts as its shortest
 *       decimal form ({@code 0.1d} equals the literal {@code 0.1}).</li>
 *   <li>Otherwise values compare as text: a string as itself, a boolean as {@code true}/{@code false},
 *       a number as its plain decimal form without trailing zeros ({@code "5"} equals {@code 5} and
 *       {@code "true"} equals {@code true}, as in Intercept).</li>
 *   <li>Lists and objects are never equal to a string, number or boolean; a list equals a list literal
 *       of the same length whose elements are pairwise equal.</li>
 *   <li>A number that is not finite, or of a {@link Number} type this class does not know, cannot be
 *       compared: the methods throw, and the policy's evaluation fails closed (DENY).</li>
 * </ul>
 *
 * <p>The interpreter and compiled policies both call these methods, so they cannot disagree.
 * Regexes are matched by {@link RegexMatcher}.
 */
public final class ValueSemantics {

    private ValueSemantics() {
    }

    /**
     * The exact value of a number argument, or {@code null} when the value is not a number.
     *
     * @throws IllegalArgumentException for NaN, infinities and unknown {@link Number} types
     */
    public static BigDecimal decimalOrNull(Object value) {
        if (!(value instanceof Number)) {
            return null;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof AtomicInteger || value instanceof AtomicLong) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof BigInteger integer) {
            return new BigDecimal(integer);
        }
        if (value instanceof Double d) {
            requireFinite(d);
            return BigDecimal.valueOf(d);
        }
        if (value instanceof Float f) {
            requireFinite(f.doubleValue());
            return new BigDecimal(Float.toString(f));
        }
        throw new IllegalArgumentException("cannot compare a number of type " + value.getClass().getName());
    }

    private static void requireFinite(double d) {
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("cannot compare the non-finite number " + d);
        }
    }

    /** {@code eq}: whether the argument value equals the literal. */
    public static boolean equal(Object actual, Object expected) {
        if (expected instanceof List<?> expectedList) {
            if (!(actual instanceof List<?> actualList) || actualList.size() != expectedList.size()) {
                return false;
            }
            for (int i = 0; i < expectedList.size(); i++) {
                Object element = actualList.get(i);
                if (element == null || !equal(element, expectedList.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (expected instanceof BigDecimal number) {
            BigDecimal actualNumber = decimalOrNull(actual);
            if (actualNumber != null) {
                return actualNumber.compareTo(number) == 0;
            }
            return actual instanceof String s && plainTextEquals(number, s);
        }
        String expectedText = expected.toString();
        if (actual instanceof String || actual instanceof Boolean) {
            return actual.toString().equals(expectedText);
        }
        BigDecimal actualNumber = decimalOrNull(actual);
        return actualNumber != null && plainTextEquals(actualNumber, expectedText);
    }

    /** {@code in}: whether the argument value equals some element of the list literal. */
    public static boolean in(Object actual, List<?> expected) {
        for (Object element : expected) {
            if (equal(actual, element)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Compares a number argument with a number literal, for {@code lt lte gt gte}.
     *
     * @return the sign of {@code actual - expected}, or {@code null} when the argument is not a number
     *         (then every ordering operator is false: strings are not ordered)
     */
    public static Integer compareNumber(Object actual, BigDecimal expected) {
        BigDecimal actualNumber = decimalOrNull(actual);
        return actualNumber == null ? null : Integer.signum(actualNumber.compareTo(expected));
    }

    /** {@code contains}: a substring of a string argument, or an element of a list argument. */
    public static boolean contains(Object actual, Object expected) {
        if (actual instanceof String s) {
            return expected instanceof String part && s.contains(part);
        }
        if (actual instanceof List<?> list) {
            for (Object element : list) {
                if (element != null && equal(element, expected)) {
                    return true;
                }
            }
        }
        return false;
    }

    public static boolean startsWith(Object actual, String prefix) {
        return actual instanceof String s && s.startsWith(prefix);
    }

    public static boolean endsWith(Object actual, String suffix) {
        return actual instanceof String s && s.endsWith(suffix);
    }

    /**
     * Whether {@code text} is the plain decimal form of {@code number} without trailing zeros
     * ({@code 5}, {@code -0.25}, {@code 1000}). Compares lengths first, so a number such as
     * {@code 1E+999999999} is never expanded into a billion digits.
     */
    static boolean plainTextEquals(BigDecimal number, String text) {
        BigDecimal stripped = number.signum() == 0 ? BigDecimal.ZERO : number.stripTrailingZeros();
        long digits = stripped.precision();
        long scale = stripped.scale();
        long sign = stripped.signum() < 0 ? 1 : 0;
        long length;
        if (scale <= 0) {
            length = sign + digits - scale;
        } else if (scale < digits) {
            length = sign + digits + 1;
        } else {
            length = sign + 2 + scale;
        }
        return length == text.length() && stripped.toPlainString().equals(text);
    }
}
