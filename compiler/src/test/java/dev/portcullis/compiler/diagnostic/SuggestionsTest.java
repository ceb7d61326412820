package dev.portcullis.compiler.diagnostic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuggestionsTest {

    private static final List<String> ENTRY_FIELDS = List.of("action", "reason", "require", "deny_if", "limits", "rules");
    private static final List<String> OPERATORS = List.of("eq", "neq", "in", "not_in", "lt", "lte", "gt", "gte",
            "regex", "contains", "exists", "starts_with", "ends_with");

    @ParameterizedTest
    @CsvSource({
        "deny_iff, deny_if",
        "denyIf, deny_if",
        "DENY_IF, deny_if",
        "rule, rules",
        "limts, limits",
        "reqiure, require",
        "acton, action",
    })
    void suggestsNearMissFieldNames(String typo, String expected) {
        assertThat(Suggestions.closest(typo, ENTRY_FIELDS)).contains(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "equals, eq",
        "regexp, regex",
        "notin, not_in",
        "contain, contains",
        "exist, exists",
        "startswith, starts_with",
        "le, lt",
        "gtt, gt",
    })
    void suggestsNearMissOperators(String typo, String expected) {
        assertThat(Suggestions.closest(typo, OPERATORS)).contains(expected);
    }

    @Test
    void staysQuietWhenNothingIsClose() {
        assertThat(Suggestions.closest("weekly", List.of("second", "minute", "hour", "day"))).isEmpty();
        assertThat(Suggestions.closest("2", List.of("1"))).as("a whole-word substitution is no typo").isEmpty();
        assertThat(Suggestions.closest("zzz", ENTRY_FIELDS)).isEmpty();
        assertThat(Suggestions.closest("", ENTRY_FIELDS)).isEmpty();
        assertThat(Suggestions.closest("deny_if", ENTRY_FIELDS)).as("an exact match needs no suggestion").isEmpty();
        assertThat(Suggestions.closest("d".repeat(10_000), ENTRY_FIELDS)).as("long inputs are not typos").isEmpty();
    }

    @Test
    void rendersTheSuffixForMessages() {
        assertThat(Suggestions.didYouMean("deny_iff", ENTRY_FIELDS)).isEqualTo(" (did you mean 'deny_if'?)");
        assertThat(Suggestions.didYouMean("qqq", ENTRY_FIELDS)).isEmpty();
    }

    @Test
    void distanceCountsSwapsOnce() {
        assertThat(Suggestions.distance("ab", "ba")).isEqualTo(1);
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
    }
}
