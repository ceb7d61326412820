package dev.portcullis.testkit.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.CharRange;
import org.junit.jupiter.api.Test;

class LineSplitterTest {

    @Test
    void splitsOnNewlinesAndDropsCarriageReturns() throws IOException {
        assertThat(lines("a\r\nbb\n\nccc", 100, 1000)).containsExactly("1:a", "2:bb", "3:", "4:ccc");
    }

    @Test
    void skipsAByteOrderMark() throws IOException {
        assertThat(lines("\uFEFF{}\n{}\n", 100, 1000)).containsExactly("1:{}", "2:{}");
    }

    @Test
    void reportsATooLongLineAndGoesOnWithTheNext() throws IOException {
        String longLine = "x".repeat(50);
        assertThat(lines("ok\n" + longLine + "\nafter\n", 10, 3)).containsExactly("1:ok", "2:TOO LONG 50", "3:after");
    }

    @Test
    void aTooLongLastLineWithoutNewlineIsReported() throws IOException {
        assertThat(lines("ok\n" + "y".repeat(100), 10, 7)).containsExactly("1:ok", "2:TOO LONG 100");
    }

    /** Lines of any content, delivered in chunks of any size, come back as they were written. */
    @Property
    void chunkingDoesNotChangeTheLines(@ForAll @Size(max = 20) List<@StringLength(max = 40) @CharRange(from = ' ', to = '~') String> written,
                                       @ForAll @IntRange(min = 1, max = 17) int chunk) throws IOException {
        String text = written.stream().map(line -> line + "\n").collect(java.util.stream.Collectors.joining());
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < written.size(); i++) {
            expected.add((i + 1) + ":" + written.get(i));
        }
        assertThat(lines(text, 40, chunk)).isEqualTo(expected);
    }

    private static List<String> lines(String text, int maxLineBytes, int chunk) throws IOException {
        List<String> lines = new ArrayList<>();
        try (LineSplitter splitter = new LineSplitter(new Trickle(text.getBytes(StandardCharsets.UTF_8), chunk), maxLineBytes)) {
            while (splitter.next()) {
                String content = splitter.tooLong()
                        ? "TOO LONG " + splitter.tooLongBytes()
                        : new String(splitter.buffer(), splitter.lineStart(), splitter.lineLength(), StandardCharsets.UTF_8);
                lines.add(splitter.lineNumber() + ":" + content);
            }
        }
        return lines;
    }

    /** Delivers at most {@code chunk} bytes per read, as sockets and pipes do. */
    private static final class Trickle extends InputStream {
        private final ByteArrayInputStream bytes;
        private final int chunk;

        Trickle(byte[] data, int chunk) {
            this.bytes = new ByteArrayInputStream(data);
            this.chunk = chunk;
        }

        @Override
        public int read() {
            return bytes.read();
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            return bytes.read(target, offset, Math.min(length, chunk));
        }
    }
}
