package dev.portcullis.runtime.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ValueSemanticsTest {

    private static final BigDecimal ONE = BigDecimal.ONE;

    @Test
    void everyNumberTypeComparesExactly() {
        for (Object one : List.of(1, 1L, (short) 1, (byte) 1, 1.0d, 1.0f, new BigDecimal("1.000"), BigInteger.ONE,
                new AtomicLong(1))) {
            assertThat(ValueSemantics.equal(one, ONE)).as("%s (%s)", one, one.getClass()).isTrue();
            assertThat(ValueSemantics.compareNumber(one, new BigDecimal("1.0000000000000000000001"))).isEqualTo(-1);
        }
        assertThat(ValueSemantics.equal(0.1d, new BigDecimal("0.1"))).as("a double is its shortest decimal").isTrue();
        assertThat(ValueSemantics.equal(0.1f, new BigDecimal("0.1"))).as("so is a float").isTrue();
        assertThat(ValueSemantics.equal(Long.MAX_VALUE, new BigDecimal(Long.MAX_VALUE).subtract(ONE))).isFalse();
        assertThat(ValueSemantics.compareNumber(new BigInteger("1" + "0".repeat(40)), new BigDecimal("1e40")))
                .isZero();
    }

    @Test
    void textComparisonUsesThePlainDecimalForm() {
        assertThat(ValueSemantics.equal("5", new BigDecimal("5.00"))).isTrue();
        assertThat(ValueSemantics.equal(5.0d, "5")).isTrue();
        assertThat(ValueSemantics.equal(-0.25d, "-0.25")).isTrue();
        assertThat(ValueSemantics.equal(1000, "1000")).isTrue();
        assertThat(ValueSemantics.equal(1000, "1E+3")).isFalse();
        assertThat(ValueSemantics.equal(new BigDecimal("0.001"), "0.001")).isTrue();
        assertThat(ValueSemantics.equal(0, "0")).isTrue();
        assertThat(ValueSemantics.equal(true, "true")).isTrue();
        assertThat(ValueSemantics.equal("false", Boolean.FALSE)).isTrue();
        assertThat(ValueSemantics.equal(1, Boolean.TRUE)).isFalse();
    }

    @Test
    void aHugeExponentIsNeverExpanded() {
        BigDecimal huge = new BigDecimal("1E+999999999");
        long start = System.nanoTime();
        assertThat(ValueSemantics.equal(huge, "1")).isFalse();
        assertThat(ValueSemantics.equal("1", huge)).isFalse();
        assertThat(ValueSemantics.compareNumber(huge, ONE)).isEqualTo(1);
        assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
    }

    @Test
    void listsAndObjects() {
        assertThat(ValueSemantics.equal(List.of("a", 1), List.of("a", ONE))).isTrue();
        assertThat(ValueSemantics.equal(List.of("a"), "a")).isFalse();
        assertThat(ValueSemantics.equal(Map.of("a", 1), "{a=1}")).as("no Java toString leaks into equality").isFalse();
        assertThat(ValueSemantics.equal(java.util.Arrays.asList("a", null), List.of("a", "b"))).isFalse();
        assertThat(ValueSemantics.contains(java.util.Arrays.asList(null, 2L), new BigDecimal("2"))).isTrue();
        assertThat(ValueSemantics.contains(Map.of("a", 1), "a")).isFalse();
        assertThat(ValueSemantics.in("b", List.of("a", "b"))).isTrue();
    }

    @Test
    void notANumberIsNotComparableAndAnUnknownNumberTypeThrows() {
        assertThat(ValueSemantics.compareNumber("5", ONE)).isNull();
        assertThat(ValueSemantics.decimalOrNull(true)).isNull();
        assertThatThrownBy(() -> ValueSemantics.decimalOrNull(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ValueSemantics.decimalOrNull(new java.util.concurrent.atomic.LongAdder()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void regexIsAnUnanchoredRe2Search() {
        RegexMatcher pattern = RegexMatcher.compile("b+");
        assertThat(pattern.find("abbbc")).isTrue();
        assertThat(pattern.find("ac")).isFalse();
        assertThat(pattern.find(List.of("b"))).isFalse();
        // catastrophic backtracking in java.util.regex; linear in RE2
        RegexMatcher evil = RegexMatcher.compile("(a+)+$");
        long start = System.nanoTime();
        assertThat(evil.find("a".repeat(5_000) + "!")).isFalse();
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    }
}
