package dev.portcullis.testkit.transcript;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import dev.portcullis.compiler.source.SourcePosition;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a transcript one line at a time: memory stays bounded by the longest line allowed, however
 * long the transcript. The header, when present, is read ahead so that a policy can be chosen before
 * the first call is replayed.
 *
 * <pre>{@code
 * try (TranscriptReader reader = TranscriptReader.open(source, TranscriptLimits.DEFAULT)) {
 *     TranscriptHeader header = reader.header();
 *     for (TranscriptLine line = reader.next(); line != null; line = reader.next()) { ... }
 * }
 * }</pre>
 */
public final class TranscriptReader implements Closeable {

    private final LineSplitter lines;
    private final TranscriptLineParser parser;
    private final int maxLineBytes;
    private final TranscriptHeader header;
    /** The first non-blank line when it was not a header: read ahead, returned by the first {@link #next()}. */
    private TranscriptLine readAhead;

    private TranscriptReader(LineSplitter lines, TranscriptLineParser parser, int maxLineBytes) throws IOException {
        this.lines = lines;
        this.parser = parser;
        this.maxLineBytes = maxLineBytes;
        TranscriptLine first = nextParsed();
        if (first instanceof TranscriptLine.HeaderLine headerLine) {
            this.header = headerLine.header();
        } else {
            this.header = TranscriptHeader.NONE;
            this.readAhead = first;
        }
    }

    /** Opens a source; the stream is closed with the reader. */
    public static TranscriptReader open(TranscriptSource source, TranscriptLimits limits) throws IOException {
        InputStream in = source.open();
        try {
            return new TranscriptReader(new LineSplitter(in, limits.maxLineBytes()),
                    new TranscriptLineParser(source.name(), limits), limits.maxLineBytes());
        } catch (IOException | RuntimeException failure) {
            in.close();
            throw failure;
        }
    }

    /** The transcript's header, or {@link TranscriptHeader#NONE}. */
    public TranscriptHeader header() {
        return header;
    }

    /** The next non-blank line after the header, or {@code null} at the end of the transcript. */
    public TranscriptLine next() throws IOException {
        if (readAhead != null) {
            TranscriptLine line = readAhead;
            readAhead = null;
            return line;
        }
        TranscriptLine line = nextParsed();
        if (line instanceof TranscriptLine.HeaderLine misplaced) {
            return new TranscriptLine.BrokenLine(misplaced.line(), Diagnostic.of(DiagnosticCode.TRANSCRIPT_HEADER_NOT_FIRST,
                    new SourcePosition(parser.file(), misplaced.line(), 1)));
        }
        return line;
    }

    /** The number of the last line read (blank lines included). */
    public int lineNumber() {
        return lines.lineNumber();
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }

    private TranscriptLine nextParsed() throws IOException {
        while (lines.next()) {
            if (lines.tooLong()) {
                return parser.tooLong(lines.lineNumber(), lines.tooLongBytes(), maxLineBytes);
            }
            if (!lines.isBlank()) {
                return parser.parse(lines.lineNumber(), lines.buffer(), lines.lineStart(), lines.lineLength());
            }
        }
        return null;
    }
}
