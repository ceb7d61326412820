package dev.portcullis.testkit.transcript;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Splits a byte stream into lines without decoding it, so that each line can be handed to the JSON
 * parser as a slice of one shared buffer. Memory stays bounded by {@code maxLineBytes}: a longer line
 * is skipped up to its newline and reported as {@linkplain #tooLong() too long} instead of being held.
 *
 * <p>Lines end at {@code \n}; a {@code \r} before it is dropped. A UTF-8 byte order mark at the start
 * of the stream is skipped.
 */
final class LineSplitter implements Closeable {

    private static final int INITIAL_BUFFER = 64 * 1024;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;

    private final InputStream in;
    private final int maxLineBytes;
    private byte[] buffer;
    /** Start of the bytes not yet returned. */
    private int position;
    /** End of the valid bytes in {@link #buffer}. */
    private int limit;
    private boolean endOfInput;
    private boolean atStart = true;

    private int lineNumber;
    private int lineStart;
    private int lineLength;
    private boolean tooLong;
    private long tooLongBytes;

    LineSplitter(InputStream in, int maxLineBytes) {
        if (maxLineBytes <= 0) {
            throw new IllegalArgumentException("maxLineBytes must be positive: " + maxLineBytes);
        }
        this.in = in;
        this.maxLineBytes = maxLineBytes;
        this.buffer = new byte[Math.min(INITIAL_BUFFER, maxLineBytes + 2)];
    }

    /** Advances to the next line; {@code false} at the end of the input. */
    boolean next() throws IOException {
        tooLong = false;
        if (atStart) {
            atStart = false;
            skipByteOrderMark();
        }
        int scanFrom = position;
        while (true) {
            int newline = indexOfNewline(scanFrom, limit);
            if (newline >= 0) {
                setLine(position, newline - position);
                position = newline + 1;
                return true;
            }
            if (endOfInput) {
                if (position < limit) {
                    setLine(position, limit - position);
                    position = limit;
                    return true;
                }
                return false;
            }
            int scanned = limit - position;
            if (scanned > maxLineBytes) {
                skipRestOfLongLine(scanned);
                return true;
            }
            makeRoomAndFill();
            scanFrom = position + scanned;
        }
    }

    int lineNumber() {
        return lineNumber;
    }

    byte[] buffer() {
        return buffer;
    }

    int lineStart() {
        return lineStart;
    }

    int lineLength() {
        return lineLength;
    }

    /** Whether the current line exceeded the limit; its bytes are then not available. */
    boolean tooLong() {
        return tooLong;
    }

    /** The length of a line that was too long (excluding the newline). */
    long tooLongBytes() {
        return tooLongBytes;
    }

    /** Whether the current line holds nothing but spaces and tabs. */
    boolean isBlank() {
        for (int i = lineStart, end = lineStart + lineLength; i < end; i++) {
            byte b = buffer[i];
            if (b != ' ' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private void setLine(int start, int length) {
        lineNumber++;
        if (length > 0 && buffer[start + length - 1] == '\r') {
            length--;
        }
        lineStart = start;
        lineLength = length;
        if (length > maxLineBytes) {
            tooLong = true;
            tooLongBytes = length;
            lineLength = 0;
        }
    }

    private void skipRestOfLongLine(long alreadyScanned) throws IOException {
        lineNumber++;
        tooLong = true;
        lineStart = 0;
        lineLength = 0;
        long length = alreadyScanned;
        position = 0;
        limit = 0;
        while (true) {
            int read = in.read(buffer, 0, buffer.length);
            if (read < 0) {
                endOfInput = true;
                break;
            }
            int newline = indexOfNewline(0, read);
            if (newline >= 0) {
                length += newline;
                position = newline + 1;
                limit = read;
                break;
            }
            length += read;
        }
        tooLongBytes = length;
    }

    private void makeRoomAndFill() throws IOException {
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
        }
        if (limit == buffer.length) {
            int grown = (int) Math.min((long) buffer.length * 2, (long) maxLineBytes + 2);
            byte[] larger = new byte[grown];
            System.arraycopy(buffer, 0, larger, 0, limit);
            buffer = larger;
        }
        fill();
    }

    private void fill() throws IOException {
        int read = in.read(buffer, limit, buffer.length - limit);
        if (read < 0) {
            endOfInput = true;
        } else {
            limit += read;
        }
    }

    private void skipByteOrderMark() throws IOException {
        while (limit < 3 && !endOfInput) {
            fill();
        }
        if (limit >= 3 && (buffer[0] & 0xFF) == 0xEF && (buffer[1] & 0xFF) == 0xBB && (buffer[2] & 0xFF) == 0xBF) {
            position = 3;
        }
    }

    /** Finds {@code \n} eight bytes at a time: most of a replay's bytes are scanned here before Jackson parses them. */
    private int indexOfNewline(int from, int to) {
        byte[] b = buffer;
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long word = (long) LONGS.get(b, i) ^ NEWLINES;
            long zeroBytes = (word - 0x0101010101010101L) & ~word & 0x8080808080808080L;
            if (zeroBytes != 0) {
                return i + (Long.numberOfTrailingZeros(zeroBytes) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
