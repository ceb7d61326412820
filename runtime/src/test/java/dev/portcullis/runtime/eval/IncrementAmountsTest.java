package dev.portcullis.runtime.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IncrementAmountsTest {

    @Test
    void wholeNonNegativeNumbersAreAmounts() {
        assertThat(IncrementAmounts.problem(3)).isNull();
        assertThat(IncrementAmounts.amount(3)).isEqualTo(3);
        assertThat(IncrementAmounts.amount(0L)).isZero();
        assertThat(IncrementAmounts.amount(5.0d)).isEqualTo(5);
        assertThat(IncrementAmounts.amount(new BigDecimal("7.000"))).isEqualTo(7);
        assertThat(IncrementAmounts.amount(BigInteger.valueOf(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void everythingElseSaysWhy() {
        assertThat(IncrementAmounts.problem(null)).isEqualTo("is missing");
        assertThat(IncrementAmounts.problem("3")).isEqualTo("is not a number (got \"3\")");
        assertThat(IncrementAmounts.problem(List.of(1))).isEqualTo("is not a number (got a list)");
        assertThat(IncrementAmounts.problem(Map.of())).isEqualTo("is not a number (got an object)");
        assertThat(IncrementAmounts.problem(-2)).isEqualTo("is negative (got -2)");
        assertThat(IncrementAmounts.problem(-2L)).isEqualTo("is negative (got -2)");
        assertThat(IncrementAmounts.problem(1.5d)).isEqualTo("is not a whole number (got 1.5)");
        assertThat(IncrementAmounts.problem(BigInteger.TWO.pow(70))).startsWith("is too large (got 1180591620717411303424");
        assertThat(IncrementAmounts.problem("x".repeat(100))).isEqualTo("is not a number (got \"" + "x".repeat(40) + "...\")");
        assertThatThrownBy(() -> IncrementAmounts.problem(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void globsMatchLikeTheIrSays() {
        assertThat(ToolGlobs.matches("list_*", "list_patients")).isTrue();
        assertThat(ToolGlobs.matches("list_*", "list_")).isTrue();
        assertThat(ToolGlobs.matches("list_*", "xlist_a")).isFalse();
        assertThat(ToolGlobs.matches("*_job", "start_export_job")).isTrue();
        assertThat(ToolGlobs.matches("a*b*c", "aXbYbZc")).isTrue();
        assertThat(ToolGlobs.matches("a*b*c", "aXbYbZ")).isFalse();
        assertThat(ToolGlobs.matches("*", "")).isTrue();
        assertThat(ToolGlobs.matches("a".repeat(30) + "*b", "a".repeat(5_000))).isFalse();
    }

    @Test
    void invalidRegexesSayWhyAndValidOnesSearchUnanchored() {
        assertThatThrownBy(() -> RegexMatcher.compile("(unclosed")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(unclosed");
        assertThat(RegexMatcher.compile("b+").find("abbc")).isTrue();
        assertThat(RegexMatcher.compile("^b").find("abbc")).isFalse();
        assertThat(RegexMatcher.compile("b").regex()).isEqualTo("b");
    }
}
