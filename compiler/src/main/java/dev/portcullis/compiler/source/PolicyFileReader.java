package dev.portcullis.compiler.source;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads a policy file named by a user without trusting it: only regular files (a named pipe or a
 * device could block or never end), and never more than the size limit (refused from the file's size
 * alone, and cut one byte over the limit if it grows while being read, which the front ends refuse).
 * Every program that reads a policy from a path goes through here, so the rules are the same for the
 * compiler, the test kit and the command line.
 */
public final class PolicyFileReader {

    private PolicyFileReader() {
    }

    /** The bytes of a file, or the one diagnostic that explains why it cannot be read. */
    public record Content(Optional<byte[]> bytes, Optional<Diagnostic> problem) {
        public Content {
            Objects.requireNonNull(bytes, "bytes");
            Objects.requireNonNull(problem, "problem");
            if (bytes.isPresent() == problem.isPresent()) {
                throw new IllegalArgumentException("exactly one of bytes and problem");
            }
        }
    }

    /** Reads {@code file} within the default {@link ReadLimits}; diagnostics name it {@code displayName}. */
    public static Content read(Path file, String displayName) {
        return read(file, displayName, ReadLimits.defaults().maxFileBytes());
    }

    /** Reads {@code file}, refusing anything over {@code maxBytes}. */
    public static Content read(Path file, String displayName, int maxBytes) {
        SourcePosition where = SourcePosition.ofFile(displayName);
        try {
            if (!Files.isRegularFile(file)) {
                return problem(Diagnostic.of(DiagnosticCode.UNREADABLE_FILE, where,
                        Files.exists(file) ? "not a regular file" : "no such file"));
            }
            long size = Files.size(file);
            if (size > maxBytes) {
                return problem(Diagnostic.of(DiagnosticCode.FILE_TOO_LARGE, where, size, maxBytes));
            }
            try (InputStream in = Files.newInputStream(file)) {
                return new Content(Optional.of(in.readNBytes(maxBytes + 1)), Optional.empty());
            }
        } catch (IOException | SecurityException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return problem(Diagnostic.of(DiagnosticCode.UNREADABLE_FILE, where, message));
        }
    }

    private static Content problem(Diagnostic diagnostic) {
        return new Content(Optional.empty(), Optional.of(diagnostic));
    }
}
