package dev.portcullis.runtime.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The operators compiled policies call agree with {@link ValueSemantics}, which the interpreter uses:
 * the allocation-free fast paths for {@code Integer}/{@code Long} arguments against whole-number
 * literals give the same answers as exact decimal comparison.
 */
class ConditionsProperties {

    @Property(tries = 2_000)
    void numberFastPathsAgreeWithExactComparison(@ForAll("arguments") Object actual, @ForAll("literals") BigDecimal literal) {
        NumberLiteral number = NumberLiteral.of(literal);
        Integer sign = ValueSemantics.compareNumber(actual, literal);
        assertThat(Conditions.lt(actual, number)).isEqualTo(sign != null && sign < 0);
        assertThat(Conditions.lte(actual, number)).isEqualTo(sign != null && sign <= 0);
        assertThat(Conditions.gt(actual, number)).isEqualTo(sign != null && sign > 0);
        assertThat(Conditions.gte(actual, number)).isEqualTo(sign != null && sign >= 0);
        assertThat(Conditions.eq(actual, number)).isEqualTo(ValueSemantics.equal(actual, literal));
        assertThat(Conditions.neq(actual, number)).isEqualTo(!ValueSemantics.equal(actual, literal));
    }

    @Example
    void aMissingArgumentMakesEveryOperatorFalseButExists() {
        NumberLiteral five = NumberLiteral.of(BigDecimal.valueOf(5));
        assertThat(Conditions.eq(null, "a")).isFalse();
        assertThat(Conditions.eq(null, five)).isFalse();
        assertThat(Conditions.neq(null, "a")).isFalse();
        assertThat(Conditions.neq(null, five)).isFalse();
        assertThat(Conditions.in(null, List.of("a"))).isFalse();
        assertThat(Conditions.notIn(null, List.of("a"))).isFalse();
        assertThat(Conditions.lt(null, five)).isFalse();
        assertThat(Conditions.gte(null, five)).isFalse();
        assertThat(Conditions.regex(null, RegexMatcher.compile(".*"))).isFalse();
        assertThat(Conditions.contains(null, "a")).isFalse();
        assertThat(Conditions.startsWith(null, "")).isFalse();
        assertThat(Conditions.endsWith(null, "")).isFalse();
        assertThat(Conditions.exists(null, false)).isTrue();
        assertThat(Conditions.exists("x", true)).isTrue();
    }

    @Example
    void numberLiteralsKnowWhetherTheyAreLongs() {
        assertThat(NumberLiteral.of(new BigDecimal("1e3"))).isEqualTo(new NumberLiteral(new BigDecimal("1E+3"), true, 1000));
        assertThat(NumberLiteral.of(new BigDecimal("2.50")).isLong()).isFalse();
        assertThat(NumberLiteral.of(new BigDecimal("9223372036854775808")).isLong()).isFalse();
        assertThat(NumberLiteral.of(new BigDecimal("-9223372036854775808")).longValue()).isEqualTo(Long.MIN_VALUE);
        assertThat(NumberLiteral.of(new BigDecimal("0.000")).value()).isEqualTo(BigDecimal.ZERO);
    }

    @Provide
    Arbitrary<Object> arguments() {
        return Arbitraries.oneOf(
                Arbitraries.integers().map(Object.class::cast),
                Arbitraries.longs().map(Object.class::cast),
                Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L).map(Object.class::cast),
                Arbitraries.doubles().between(-1e6, 1e6).map(Object.class::cast),
                Arbitraries.bigDecimals().between(new BigDecimal("-1e20"), new BigDecimal("1e20")).map(Object.class::cast),
                Arbitraries.of("5", "x", "", "-0", "1000").map(Object.class::cast),
                Arbitraries.of(true, false).map(Object.class::cast));
    }

    @Provide
    Arbitrary<BigDecimal> literals() {
        return Arbitraries.oneOf(
                Arbitraries.longs().map(BigDecimal::valueOf),
                Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L, 5L, -1L).map(BigDecimal::valueOf),
                Arbitraries.of(new BigDecimal("9223372036854775808"), new BigDecimal("1e3"), new BigDecimal("2.5"),
                        new BigDecimal("-0.001"), new BigDecimal("1000.000")),
                Arbitraries.bigDecimals().between(new BigDecimal("-1e20"), new BigDecimal("1e20")).ofScale(3));
    }
}
