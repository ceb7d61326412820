package dev.portcullis.compiler.ir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ToolSelectorTest {

    @ParameterizedTest
    @CsvSource({
        "list_*, list_patients, true",
        "list_*, list_, true",
        "list_*, list, false",
        "*_job, start_fhir_export_job, true",
        "*_job, start_fhir_export_job_, false",
        "a*b*c, aXbYc, true",
        "a*b*c, abcabc, true",
        "a*b*c, acb, false",
        "*, '', true",
        "**, x, true",
        "a*a, a, false",
        "a*a, aa, true"})
    void globMatching(String pattern, String tool, boolean matches) {
        assertThat(new ToolSelector.ToolGlob(pattern).matches(tool)).isEqualTo(matches);
    }

    @Test
    void aLongGlobMatchesInLinearTime() {
        ToolSelector.ToolGlob glob = new ToolSelector.ToolGlob("*a*a*a*a*a*a*a*b");
        long start = System.nanoTime();
        assertThat(glob.matches("a".repeat(10_000))).isFalse();
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    }

    @Test
    void precedenceIsLongerPrefixThenMoreLiteralsThenPatternOrder() {
        List<ToolSelector.ToolGlob> globs = new ArrayList<>(Stream.of("*", "*_job", "list_*", "list_secret*", "l*",
                "list_*_x", "list_*_y").map(ToolSelector.ToolGlob::new).toList());
        Collections.shuffle(globs, new java.util.Random(7));
        globs.sort(ToolSelector.ToolGlob.PRECEDENCE);
        assertThat(globs).extracting(ToolSelector.ToolGlob::pattern)
                .containsExactly("list_secret*", "list_*_x", "list_*_y", "list_*", "l*", "*_job", "*");
    }

    @Test
    void entryIds() {
        assertThat(new ToolSelector.ExactTool("t").entryId()).isEqualTo("tools.t");
        assertThat(new ToolSelector.ToolGlob("t*").entryId()).isEqualTo("tools.t*");
        assertThat(new ToolSelector.AllTools().entryId()).isEqualTo("all_tools");
    }
}
