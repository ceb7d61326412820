package dev.portcullis.compiler.source;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns the bytes of a policy file into text, refusing what no front end should parse: files over
 * the size limit, empty files, bytes that are not UTF-8 and forbidden characters
 * ({@link ForbiddenCharacters}). Every refusal is a diagnostic with the position of the problem.
 * A leading UTF-8 byte order mark is dropped.
 */
public final class SourceText {

    /** At most this many forbidden characters are reported; past that the file is clearly not a policy. */
    private static final int MAX_REPORTED_CHARACTERS = 10;

    private SourceText() {
    }

    /**
     * The outcome of decoding: the text when the file can be parsed, and the diagnostics found.
     *
     * @param text        present when no error was found
     * @param diagnostics the problems, in file order
     */
    public record Decoding(Optional<String> text, List<Diagnostic> diagnostics) {

        public Decoding {
            diagnostics = List.copyOf(diagnostics);
        }
    }

    /** Decodes {@code content} of the file shown to users as {@code file}. */
    public static Decoding decode(String file, byte[] content, ReadLimits limits) {
        if (content.length > limits.maxFileBytes()) {
            return refuse(Diagnostic.of(DiagnosticCode.FILE_TOO_LARGE, SourcePosition.ofFile(file),
                    content.length, limits.maxFileBytes()));
        }
        if (startsWith(content, 0xFE, 0xFF) || startsWith(content, 0xFF, 0xFE)) {
            return refuse(Diagnostic.of(DiagnosticCode.INVALID_UTF8, new SourcePosition(file, 1, 1),
                    "it starts with a UTF-16 byte order mark; save it as UTF-8"));
        }
        int start = startsWith(content, 0xEF, 0xBB, 0xBF) ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(content, start, content.length - start);
        CharBuffer out = CharBuffer.allocate(content.length - start);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            out.flip();
            return refuse(Diagnostic.of(DiagnosticCode.INVALID_UTF8, positionAt(file, out, out.length()),
                    String.format(Locale.ROOT, "byte 0x%02X at offset %d does not start a valid UTF-8 sequence",
                            content[offset] & 0xFF, offset)));
        }
        decoder.flush(out);
        out.flip();
        String text = out.toString();
        if (text.isBlank()) {
            return refuse(Diagnostic.of(DiagnosticCode.EMPTY_FILE, SourcePosition.ofFile(file)));
        }
        List<Diagnostic> forbidden = forbiddenCharacters(file, text);
        return forbidden.isEmpty() ? new Decoding(Optional.of(text), List.of()) : new Decoding(Optional.empty(), forbidden);
    }

    /** The 1-based line and column of character {@code index} of {@code text}. */
    public static SourcePosition positionAt(String file, CharSequence text, int index) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < index && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new SourcePosition(file, line, index - lineStart + 1);
    }

    private static List<Diagnostic> forbiddenCharacters(String file, String text) {
        List<Diagnostic> found = new ArrayList<>();
        int offset = 0;
        while (found.size() < MAX_REPORTED_CHARACTERS) {
            int index = ForbiddenCharacters.indexOfFirst(text, offset);
            if (index < 0) {
                break;
            }
            found.add(Diagnostic.of(DiagnosticCode.CONTROL_CHARACTER, positionAt(file, text, index),
                    ForbiddenCharacters.describe(text, index), ""));
            offset = index + 1;
        }
        return found;
    }

    private static Decoding refuse(Diagnostic diagnostic) {
        return new Decoding(Optional.empty(), List.of(diagnostic));
    }

    private static boolean startsWith(byte[] content, int... prefix) {
        if (content.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((content[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
