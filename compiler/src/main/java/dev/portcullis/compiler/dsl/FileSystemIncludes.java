package dev.portcullis.compiler.dsl;

import dev.portcullis.compiler.source.ReadLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads included files from the file system. Policies may come from an untrusted pull request, so
 * an include is read defensively:
 * <ul>
 *   <li>it must lie inside the include root, both as written (after normalisation, before the file
 *       is even looked up) and once symbolic links are followed, so {@code ../../etc/passwd}, an
 *       absolute path elsewhere or a link leading out of the root is never opened;</li>
 *   <li>only a regular file is opened (a device such as {@code /dev/zero} never ends and a named
 *       pipe blocks forever);</li>
 *   <li>never more than the front end's size limit plus one byte is read, so a file that grows
 *       while it is read cannot exhaust memory.</li>
 * </ul>
 * The include root is the one configured, for a policy inside it; otherwise (none configured, or a
 * policy outside it) the folder of the top-level policy being read.
 */
final class FileSystemIncludes implements IncludeResolver {

    /** Null: each policy's own folder is its include root. */
    private final Path configuredRoot;
    /** The top-level policy's folder, once {@link #forPolicy} has bound it; null before. */
    private final Path policyFolder;
    private final int maxBytes;

    private FileSystemIncludes(Path configuredRoot, Path policyFolder, int maxBytes) {
        this.configuredRoot = configuredRoot;
        this.policyFolder = policyFolder;
        this.maxBytes = maxBytes;
    }

    /** Includes stay inside the folder of the policy that is read. */
    static FileSystemIncludes inPolicyFolder() {
        return new FileSystemIncludes(null, null, ReadLimits.defaults().maxFileBytes());
    }

    /** Includes stay inside {@code root}, for policies inside it. */
    static FileSystemIncludes under(Path root) {
        return new FileSystemIncludes(absolute(root), null, ReadLimits.defaults().maxFileBytes());
    }

    /** The size limit is the one every file the front end reads is held to. */
    @Override
    public IncludeResolver forPolicy(String policyFile, ReadLimits limits) {
        Path folder;
        try {
            folder = absolute(Path.of(policyFile)).getParent();
        } catch (InvalidPathException notAPath) {
            // its includes resolve against the same name, so they fail as invalid paths too
            folder = null;
        }
        return new FileSystemIncludes(configuredRoot, folder, limits.maxFileBytes());
    }

    @Override
    public byte[] read(String resolvedName) throws IOException {
        Path root = includeRoot();
        Path file;
        try {
            file = absolute(Path.of(resolvedName));
        } catch (InvalidPathException invalid) {
            throw new IOException("not a valid path", invalid);
        }
        // Checked on the name first, so nothing outside the root is opened or even looked up.
        if (!file.startsWith(root)) {
            throw outside(root);
        }
        Path real;
        Path realRoot;
        try {
            realRoot = root.toRealPath();
        } catch (NoSuchFileException missing) {
            throw new IOException("the include root " + root + " does not exist", missing);
        }
        try {
            real = file.toRealPath();
        } catch (NoSuchFileException missing) {
            throw new IOException("no such file", missing);
        }
        if (!real.startsWith(realRoot)) {
            throw outside(root);
        }
        if (!Files.isRegularFile(real)) {
            throw new IOException("not a regular file");
        }
        if (Files.size(real) > maxBytes) {
            throw tooLarge();
        }
        byte[] content;
        try (InputStream in = Files.newInputStream(real)) {
            // one byte over the limit is enough to know the file grew past it since its size was read
            content = in.readNBytes(maxBytes == Integer.MAX_VALUE ? maxBytes : maxBytes + 1);
        }
        if (content.length > maxBytes) {
            throw tooLarge();
        }
        return content;
    }

    private Path includeRoot() {
        if (policyFolder == null) {
            // read without forPolicy: names are relative to the working directory, so that is the policy's world
            return configuredRoot != null ? configuredRoot : absolute(Path.of(""));
        }
        return configuredRoot != null && policyFolder.startsWith(configuredRoot) ? configuredRoot : policyFolder;
    }

    private static Path absolute(Path path) {
        return path.toAbsolutePath().normalize();
    }

    private static IOException outside(Path root) {
        return new IOException("it is outside the include root " + root);
    }

    private IOException tooLarge() {
        return new IOException("larger than " + maxBytes + " bytes, the most a policy file may have");
    }
}
