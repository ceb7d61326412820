package dev.portcullis.testkit.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkupTest {

    @Test
    void escapesMarkupAndMakesForbiddenCharactersVisible() {
        assertThat(Markup.escape("<a href=\"x\">&'</a>")).isEqualTo("&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;");
        assertThat(Markup.escape("nul\u0000 esc\u001b bell\u0007 ok\ttab")).isEqualTo("nul\\u0000 esc\\u001B bell\\u0007 ok\ttab");
        assertThat(Markup.escape("\uFFFE\uFFFF")).isEqualTo("\\uFFFE\\uFFFF");
        assertThat(Markup.escape("plain text")).isSameAs("plain text");
    }

    @Test
    void keepsSurrogatePairsAndEscapesLoneHalves() {
        assertThat(Markup.escape("emoji \uD83D\uDE00 <")).isEqualTo("emoji \uD83D\uDE00 &lt;");
        assertThat(Markup.escape("lone \uD800 high")).isEqualTo("lone \\uD800 high");
        assertThat(Markup.escape("lone \uDC00 low")).isEqualTo("lone \\uDC00 low");
        assertThat(Markup.escape("ends high \uD83D")).isEqualTo("ends high \\uD83D");
    }

    @Test
    void attributesKeepTheirLineBreaks() {
        assertThat(Markup.escapeAttribute("a\nb\r\tc\"")).isEqualTo("a&#10;b&#13;&#9;c&quot;");
    }

    @Test
    void printableNeutralisesTerminalControls() {
        assertThat(Markup.printable("\u001b[31mred\u001b[0m \u009b \u2028 \uD800")).isEqualTo("\\u001B[31mred\\u001B[0m \\u009B \\u2028 \\uD800");
        assertThat(Markup.printable("emoji \uD83D\uDE00\ttab")).isEqualTo("emoji \uD83D\uDE00\ttab");
    }

    @Test
    void wellFormedReplacesOnlyLoneSurrogates() {
        assertThat(Markup.wellFormed("a\uD800b\uD83D\uDE00c\uDC00")).isEqualTo("a\uFFFDb\uD83D\uDE00c\uFFFD");
        assertThat(Markup.wellFormed("<fine>")).isSameAs("<fine>");
        assertThat(Markup.wellFormed(null)).isNull();
    }
}
