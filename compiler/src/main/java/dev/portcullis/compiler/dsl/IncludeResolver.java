package dev.portcullis.compiler.dsl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Finds and reads the files a policy includes ({@code include "common.policy"}). A target is
 * resolved relative to the file that includes it; the resolved name identifies the file (for cycle
 * detection and for including a file once) and is the name diagnostics show.
 */
public interface IncludeResolver {

    /**
     * The name of the file {@code target} designates when written in {@code includingFile}:
     * {@code target} resolved against the including file's folder and normalised, with '/'
     * separators ({@code policies/main.policy} + {@code ../common/limits.policy} ->
     * {@code common/limits.policy}). An absolute target stays absolute.
     */
    default String resolve(String includingFile, String target) {
        Path including = Path.of(includingFile);
        Path folder = including.getParent();
        Path resolved = folder == null ? Path.of(target) : folder.resolve(target);
        return resolved.normalize().toString().replace('\\', '/');
    }

    /**
     * The bytes of the file {@link #resolve} named.
     *
     * @throws IOException when it cannot be read; the message is shown to the user
     */
    byte[] read(String resolvedName) throws IOException;

    /** Reads included files from the file system, relative to the including file's path. */
    static IncludeResolver fileSystem() {
        return resolvedName -> {
            try {
                return Files.readAllBytes(Path.of(resolvedName));
            } catch (NoSuchFileException e) {
                throw new IOException("no such file", e);
            }
        };
    }

    /** Reads included files from a map of resolved name to content (tests, editors, in-memory sources). */
    static IncludeResolver inMemory(Map<String, String> files) {
        Map<String, String> copy = Map.copyOf(files);
        return resolvedName -> {
            String content = copy.get(resolvedName);
            if (content == null) {
                throw new IOException("no such file");
            }
            return content.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        };
    }

    /** Refuses every include: for readers that must not touch other files (e.g. a gateway). */
    static IncludeResolver disabled() {
        return resolvedName -> {
            throw new IncludesDisabledException();
        };
    }

    /** Thrown by {@link #disabled()}: the front end reports that includes are not enabled. */
    final class IncludesDisabledException extends IOException {
        private static final long serialVersionUID = 1L;

        IncludesDisabledException() {
            super("includes are not enabled for this reader");
        }
    }
}
