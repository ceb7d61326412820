package dev.portcullis.testkit.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes report files, creating their directory; a failure names the report (the guard logs it). */
final class ReportFiles {

    private ReportFiles() {
    }

    /** Writes {@code content} as UTF-8; its text must already be escaped and free of lone surrogates. */
    static void write(Path file, CharSequence content, String what) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException failed) {
            throw new UncheckedIOException("cannot write " + what + " (" + file + ")", failed);
        }
    }
}
