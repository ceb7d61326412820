package dev.portcullis.runtime.counter;

/**
 * Long arithmetic that sticks at {@link Long#MIN_VALUE} / {@link Long#MAX_VALUE} instead of wrapping.
 * Counters accept any {@code long} as a time; times near the ends of the range (bad input, not real
 * clocks) must give a far-off answer, never a wrapped one that would admit a call.
 */
final class SaturatingMath {

    private SaturatingMath() {
    }

    static long add(long a, long b) {
        long sum = a + b;
        if (((a ^ sum) & (b ^ sum)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return sum;
    }

    static long subtract(long a, long b) {
        long difference = a - b;
        if (((a ^ b) & (a ^ difference)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return difference;
    }

    static long multiply(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        if ((high == 0 && low >= 0) || (high == -1 && low < 0)) {
            return low;
        }
        return (a ^ b) < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }

    /** Ceiling of {@code dividend / divisor} for a non-negative dividend and a positive divisor. */
    static long ceilDivide(long dividend, long divisor) {
        long quotient = dividend / divisor;
        return quotient * divisor == dividend ? quotient : quotient + 1;
    }
}
