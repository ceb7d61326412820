package dev.portcullis.compiler.dsl;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import dev.portcullis.compiler.source.SourcePosition;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Turns the bytes of a policy file into text, or into one diagnostic saying why it is not a policy
 * file: too large, not UTF-8, or binary. Checked before lexing, so hostile input fails fast.
 */
final class SourceDecoder {

    /** Far above any real policy (the largest published Intercept policy is about 20 KiB). */
    static final int MAX_FILE_BYTES = 1 << 20;

    /** The text of a file, or the reason there is none. */
    record Decoded(String text, Diagnostic problem) {
        boolean ok() {
            return problem == null;
        }
    }

    private SourceDecoder() {
    }

    static Decoded decode(String file, byte[] content) {
        if (content.length > MAX_FILE_BYTES) {
            return failure(DiagnosticCode.DSL_FILE_TOO_LARGE, SourcePosition.ofFile(file),
                    content.length, MAX_FILE_BYTES);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(content);
        CharBuffer out = CharBuffer.allocate(content.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        out.flip();
        String text = out.toString();
        if (result.isError()) {
            int offset = in.position();
            return failure(DiagnosticCode.DSL_INVALID_UTF8, positionAtEnd(file, text),
                    String.format(Locale.ROOT, "byte 0x%02X at offset %d does not belong to a UTF-8 character",
                            content[offset] & 0xFF, offset));
        }
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            return failure(DiagnosticCode.DSL_BINARY_CONTENT, positionAtEnd(file, text.substring(0, nul)));
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return new Decoded(text, null);
    }

    private static Decoded failure(DiagnosticCode code, SourcePosition position, Object... args) {
        return new Decoded(null, Diagnostic.of(code, position, args));
    }

    /** The position just after {@code prefix}: where the next character of the file would be. */
    private static SourcePosition positionAtEnd(String file, String prefix) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < prefix.length(); i = prefix.offsetByCodePoints(i, 1)) {
            char c = prefix.charAt(i);
            if (c == '\n') {
                line++;
                column = 1;
            } else if (c != '\uFEFF' || i > 0) {
                column++;
            }
        }
        return new SourcePosition(file, line, column);
    }
}
