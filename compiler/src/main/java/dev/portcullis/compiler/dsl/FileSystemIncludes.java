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
 * an include is read defensively: only a regular file is opened (a device such as
 * {@code /dev/zero} never ends and a named pipe blocks forever), and never more than the front
 * end's size limit plus one byte, so a file that grows while it is read cannot exhaust memory.
 */
final class FileSystemIncludes implements IncludeResolver {

    private final int maxBytes;

    FileSystemIncludes(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The size limit is the one every file the front end reads is held to. */
    @Override
    public IncludeResolver forPolicy(String policyFile, ReadLimits limits) {
        return new FileSystemIncludes(limits.maxFileBytes());
    }

    @Override
    public byte[] read(String resolvedName) throws IOException {
        Path file;
        try {
            file = Path.of(resolvedName).toRealPath();
        } catch (InvalidPathException invalid) {
            throw new IOException("not a valid path", invalid);
        } catch (NoSuchFileException missing) {
            throw new IOException("no such file", missing);
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException("not a regular file");
        }
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

    private IOException tooLarge() {
        return new IOException("larger than " + maxBytes + " bytes, the most a policy file may have");
    }
}
