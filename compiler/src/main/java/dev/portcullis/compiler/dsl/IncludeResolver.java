package dev.portcullis.compiler.dsl;

import dev.portcullis.compiler.source.ReadLimits;
import java.io.IOException;
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

    /**
     * The resolver for the includes of one top-level policy, read under {@code limits}: the front end
     * calls this once for each file it reads, before reading any include. A resolver whose reading
     * depends on the policy or on the limits returns one bound to them; the default ignores both.
     *
     * @param policyFile the top-level file's name as the front end was given it
     */
    default IncludeResolver forPolicy(String policyFile, ReadLimits limits) {
        return this;
    }

    /**
     * Reads included files from the file system, relative to the including file's path (names
     * relative to the working directory), confined to the folder of the top-level policy being read
     * and its subfolders. Only regular {@code .policy} and {@code .json} files are read, and none
     * larger than the front end's {@link ReadLimits#maxFileBytes()}; see {@code docs/dsl.md}.
     */
    static IncludeResolver fileSystem() {
        return FileSystemIncludes.inPolicyFolder();
    }

    /**
     * Like {@link #fileSystem()}, but confined to {@code root} and its subfolders instead (for a
     * build tool, the project's base directory), so a policy may include parts kept beside its own
     * folder. A policy that does not lie inside {@code root} is confined to its own folder.
     * Confinement holds after symbolic links are followed.
     */
    static IncludeResolver fileSystem(Path root) {
        return FileSystemIncludes.under(root);
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
