package dev.portcullis.compiler.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import dev.portcullis.compiler.source.SourcePosition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiagnosticRendererTest {

    private static Diagnostic at(String file, int line, int column) {
        return Diagnostic.of(DiagnosticCode.DSL_SYNTAX_ERROR, new SourcePosition(file, line, column), "boom");
    }

    @Test
    void theLineAndACaretUnderTheColumn() {
        assertThat(DiagnosticRenderer.render(at("a.policy", 2, 5), "first\nline two\nthird"))
                .isEqualTo("a.policy:2:5: error PC100: boom\nline two\n    ^");
    }

    @Test
    void tabsAreKeptSoTheCaretLinesUp() {
        assertThat(DiagnosticRenderer.render(at("a.policy", 1, 3), "\t\tx")).isEqualTo("a.policy:1:3: error PC100: boom\n\t\tx\n\t\t^");
    }

    @Test
    void columnsCountCharactersNotUtf16Units() {
        assertThat(DiagnosticRenderer.render(at("a.policy", 1, 3), "\ud83d\ude00 x"))
                .isEqualTo("a.policy:1:3: error PC100: boom\n\ud83d\ude00 x\n  ^");
    }

    @Test
    void aLongLineIsShownAroundTheColumn() {
        String line = "x".repeat(500) + "HERE" + "y".repeat(500);
        String rendered = DiagnosticRenderer.render(at("a.policy", 1, 501), line);
        String[] lines = rendered.split("\n");
        assertThat(lines[1]).startsWith("...").endsWith("...").contains("HERE").hasSizeLessThan(130);
        assertThat(lines[1].charAt(lines[2].indexOf('^'))).isEqualTo('H');
    }

    @Test
    void withoutTheTextOrALineOnlyTheMessage() {
        assertThat(DiagnosticRenderer.render(at("a.policy", 3, 1), null)).isEqualTo("a.policy:3:1: error PC100: boom");
        assertThat(DiagnosticRenderer.render(at("a.policy", 9, 1), "one line")).isEqualTo("a.policy:9:1: error PC100: boom");
        assertThat(DiagnosticRenderer.render(Diagnostic.of(DiagnosticCode.DSL_SYNTAX_ERROR,
                SourcePosition.ofFile("a.policy"), "whole file"), "text")).isEqualTo("a.policy: error PC100: whole file");
    }

    @Test
    void eachDiagnosticWithItsOwnFile() {
        assertThat(DiagnosticRenderer.render(List.of(at("a.policy", 1, 1), at("b.policy", 1, 2)),
                Map.of("a.policy", "aaa", "b.policy", "bbb"))).isEqualTo("""
                a.policy:1:1: error PC100: boom
                aaa
                ^
                b.policy:1:2: error PC100: boom
                bbb
                 ^
                """);
    }
}
