package dev.portcullis.compiler.dsl;

import dev.portcullis.compiler.source.ReadLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads included files from the file system. Policies may come from an untrusted pull request, so
 * an include is read defensively:
 * <ul>
 *   <li>it must lie inside the include root, both as written (after normalisation, before the file
 *       is even looked up) and once symbolic links are followed, so {@code ../../etc/passwd}, an
 *       absolute path elsewhere or a link leading out of the root is never opened;</li>
 *   <li>only a file named as a policy ({@code .policy} or {@code .json}, also once links are
 *       followed) is read, so a file in the root that is no policy ({@code .git/config},
 *       {@code .env}, a key) cannot be quoted by the diagnostics of a file that fails to parse;</li>
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
        return readWithinLimit(locate(resolvedName));
    }

    /** The real path of the file {@code resolvedName} names, if it may be included; otherwise why not. */
    private Path locate(String resolvedName) throws IOException {
        Path root = includeRoot();
        Path file;
        try {
            file = absolute(Path.of(resolvedName));
        } catch (InvalidPathException invalid) {
            throw new IOException("not a valid path", invalid);
        }
        // Checked on the name first, so nothing outside the root, or named as no policy, is even looked up.
        if (!file.startsWith(root)) {
            throw outside(root);
        }
        requirePolicyName(file, "only .policy and .json files can be included");
        Path realRoot;
        try {
            realRoot = root.toRealPath();
        } catch (NoSuchFileException missing) {
            throw new IOException("the include root " + root + " does not exist", missing);
        }
        Path real;
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
        requirePolicyName(real, "it links to a file that is not a .policy or .json file");
        return real;
    }

    private byte[] readWithinLimit(Path file) throws IOException {
        if (Files.size(file) > maxBytes) {
            throw tooLarge();
        }
        byte[] content;
        try (InputStream in = Files.newInputStream(file)) {
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

    private static void requirePolicyName(Path file, String refusal) throws IOException {
        Path name = file.getFileName();
        String lowerCase = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        if (!lowerCase.endsWith(".policy") && !lowerCase.endsWith(".json")) {
            throw new IOException(refusal);
        }
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
