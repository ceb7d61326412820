package dev.portcullis.compiler.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegexSyntaxTest {

    @ParameterizedTest
    @ValueSource(strings = {"^feat/", "^(main|release/.*)$", "[a-z]{1,80}", "\\d+", "(?i)abc", "a{1000}", "\\p{L}+", "[]a]", "x{2,}"})
    void acceptsRe2Patterns(String pattern) {
        assertThat(RegexSyntax.problemWith(pattern)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"((", "a**", "(?<!x)y", "(?=y)", "\\1", "a{1001}", "[z-a]"})
    void rejectsWhatRe2CannotCompile(String pattern) {
        assertThat(RegexSyntax.problemWith(pattern)).isPresent();
    }

    @Test
    void estimatesTheSizeOfCountedRepetitions() {
        assertThat(size("abc")).isEqualTo(3);
        assertThat(size("a{10}")).isEqualTo(10);
        assertThat(size("(ab){10}")).isEqualTo(20);
        assertThat(size("(a|bc){3}x")).isEqualTo(10);
        assertThat(size("[a-z]{5}")).isEqualTo(5);
        assertThat(size("\\{5}")).as("an escaped brace is a literal").isEqualTo(3);
        assertThat(size("((a{100}){100}){100}")).isGreaterThan(RegexSyntax.MAX_PROGRAM_SIZE);
    }

    @Test
    void measuresNesting() {
        assertThat(RegexSyntax.shapeOf("((a)(b))").depth()).isEqualTo(2);
        assertThat(RegexSyntax.shapeOf("[(((]\\(").depth()).as("parentheses in classes and escapes are literals").isZero();
    }

    private static long size(String pattern) {
        return RegexSyntax.shapeOf(pattern).size();
    }

    @Test
    void refusesPatternsTooLargeToCompile() {
        assertThat(RegexSyntax.problemWith("(((a{1000}){1000}){1000})")).hasValueSatisfying(p -> assertThat(p).contains("too large"));
        assertThat(RegexSyntax.problemWith("(".repeat(50_000) + "a" + ")".repeat(50_000)))
                .hasValueSatisfying(p -> assertThat(p).contains("nest"));
    }
}
