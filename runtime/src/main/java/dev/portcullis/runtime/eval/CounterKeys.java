package dev.portcullis.runtime.eval;

import java.math.BigDecimal;

/**
 * The key under which a counter counts a call. Without {@code per} it is the scope's key
 * ({@link dev.portcullis.runtime.counter.Scope#keyOf}); with {@code per} it is
 * {@code <length of scope key>:<scope key>|<value>}, where {@code <value>} is {@code s} + the string,
 * {@code n} + the number without trailing zeros ({@link BigDecimal#toString()}), {@code b} + the
 * boolean, or {@code -} for every other value (absent, {@code null}, a list or an object), which thus
 * share one budget: leaving out or garbling the argument never escapes the limit. The length prefix
 * keeps keys unambiguous whatever the identities contain. Shared by the interpreter and compiled policies.
 */
public final class CounterKeys {

    private CounterKeys() {
    }

    public static String withPer(String scopeKey, Object perValue) {
        return scopeKey.length() + ":" + scopeKey + "|" + perText(perValue);
    }

    private static String perText(Object value) {
        if (value instanceof String s) {
            return "s" + s;
        }
        if (value instanceof Boolean b) {
            return "b" + b;
        }
        BigDecimal number = ValueSemantics.decimalOrNull(value);
        if (number != null) {
            return "n" + (number.signum() == 0 ? BigDecimal.ZERO : number.stripTrailingZeros());
        }
        return "-";
    }
}
