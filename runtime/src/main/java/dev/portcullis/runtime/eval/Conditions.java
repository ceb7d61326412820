package dev.portcullis.runtime.eval;

import java.util.List;

/**
 * The comparison operators over an argument value already read ({@code null} when missing): a missing
 * argument makes every operator false except {@code exists}. Values compare by {@link ValueSemantics};
 * the interpreter and compiled policies both call these methods.
 */
public final class Conditions {

    private Conditions() {
    }

    /** {@code exists true} holds when the argument is present, {@code exists false} when it is not. */
    public static boolean exists(Object actual, boolean expected) {
        return (actual != null) == expected;
    }

    public static boolean eq(Object actual, Object literal) {
        return actual != null && ValueSemantics.equal(actual, literal);
    }

    /** {@code eq} against a number literal; an {@code Integer} or {@code Long} argument needs no allocation. */
    public static boolean eq(Object actual, NumberLiteral literal) {
        if (actual == null) {
            return false;
        }
        if (literal.isLong() && (actual instanceof Long || actual instanceof Integer)) {
            return ((Number) actual).longValue() == literal.longValue();
        }
        return ValueSemantics.equal(actual, literal.value());
    }

    public static boolean neq(Object actual, Object literal) {
        return actual != null && !ValueSemantics.equal(actual, literal);
    }

    public static boolean neq(Object actual, NumberLiteral literal) {
        return actual != null && !eq(actual, literal);
    }

    public static boolean in(Object actual, List<?> literal) {
        return actual != null && ValueSemantics.in(actual, literal);
    }

    public static boolean notIn(Object actual, List<?> literal) {
        return actual != null && !ValueSemantics.in(actual, literal);
    }

    public static boolean lt(Object actual, NumberLiteral literal) {
        Integer sign = actual == null ? null : literal.compareFrom(actual);
        return sign != null && sign < 0;
    }

    public static boolean lte(Object actual, NumberLiteral literal) {
        Integer sign = actual == null ? null : literal.compareFrom(actual);
        return sign != null && sign <= 0;
    }

    public static boolean gt(Object actual, NumberLiteral literal) {
        Integer sign = actual == null ? null : literal.compareFrom(actual);
        return sign != null && sign > 0;
    }

    public static boolean gte(Object actual, NumberLiteral literal) {
        Integer sign = actual == null ? null : literal.compareFrom(actual);
        return sign != null && sign >= 0;
    }

    public static boolean regex(Object actual, RegexMatcher matcher) {
        return actual != null && matcher.find(actual);
    }

    public static boolean contains(Object actual, Object literal) {
        return actual != null && ValueSemantics.contains(actual, literal);
    }

    public static boolean startsWith(Object actual, String prefix) {
        return ValueSemantics.startsWith(actual, prefix);
    }

    public static boolean endsWith(Object actual, String suffix) {
        return ValueSemantics.endsWith(actual, suffix);
    }
}
