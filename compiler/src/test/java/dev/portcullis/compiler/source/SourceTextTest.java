package dev.portcullis.compiler.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SourceTextTest {

    private static SourceText.Decoding decode(byte[] bytes) {
        return SourceText.decode("f", bytes, ReadLimits.defaults());
    }

    @Test
    void decodesUtf8AndDropsTheByteOrderMark() {
        byte[] bytes = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'h', (byte) 0xC3, (byte) 0xA9};
        assertThat(decode(bytes).text()).contains("h\u00e9");
    }

    @Test
    void reportsTheFirstBadByteWithItsLineAndColumn() {
        byte[] bytes = "ab\ncd".getBytes(StandardCharsets.UTF_8);
        byte[] bad = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, bad, 0, bytes.length);
        bad[bytes.length] = (byte) 0xFF;
        SourceText.Decoding decoding = decode(bad);
        assertThat(decoding.text()).isEmpty();
        assertThat(decoding.diagnostics().get(0).code()).isEqualTo(DiagnosticCode.INVALID_UTF8);
        assertThat(decoding.diagnostics().get(0).position()).isEqualTo(new SourcePosition("f", 2, 3));
    }

    @Test
    void reportsEachForbiddenCharacterUpToALimit() {
        SourceText.Decoding decoding = decode("a\u0001b\n\u0002".repeat(20).getBytes(StandardCharsets.UTF_8));
        assertThat(decoding.text()).isEmpty();
        assertThat(decoding.diagnostics()).hasSize(10);
        assertThat(decoding.diagnostics().get(1).position()).isEqualTo(new SourcePosition("f", 2, 1));
    }

    @Test
    void forbiddenCharactersAreControlsBidiOverridesAndLoneSurrogates() {
        assertThat(ForbiddenCharacters.indexOfFirst("tab\tnewline\ncr\r ok \u00e9 \ud83d\ude00")).isEqualTo(-1);
        assertThat(ForbiddenCharacters.indexOfFirst("x\u202ey")).isEqualTo(1);
        assertThat(ForbiddenCharacters.indexOfFirst("x\ud800y")).isEqualTo(1);
        assertThat(ForbiddenCharacters.indexOfFirst("x\udc00")).isEqualTo(1);
        assertThat(ForbiddenCharacters.indexOfFirst("\u009b")).isEqualTo(0);
        assertThat(ForbiddenCharacters.describe("\u0007", 0)).isEqualTo("U+0007");
    }

    @Test
    void sizeIsCheckedBeforeDecoding() {
        SourceText.Decoding decoding = SourceText.decode("f", new byte[11], new ReadLimits(10, 10, 10, 10));
        assertThat(decoding.diagnostics().get(0).code()).isEqualTo(DiagnosticCode.FILE_TOO_LARGE);
    }
}
