package dev.portcullis.compiler.source;

import java.util.Objects;

/**
 * A place in a file the user wrote: 1-based line and column, as editors and compilers print them.
 *
 * @param file   the file as the user named it (relative paths stay relative)
 * @param line   1-based line, or 0 when unknown
 * @param column 1-based column, or 0 when unknown
 */
public record SourcePosition(String file, int line, int column) {

    public SourcePosition {
        Objects.requireNonNull(file, "file");
    }

    /** The position of a file as a whole, when nothing finer is known. */
    public static SourcePosition ofFile(String file) {
        return new SourcePosition(file, 0, 0);
    }

    /** {@code file:line:col}, or just {@code file} when the line is unknown. */
    @Override
    public String toString() {
        if (line <= 0) {
            return file;
        }
        return column <= 0 ? file + ":" + line : file + ":" + line + ":" + column;
    }
}
