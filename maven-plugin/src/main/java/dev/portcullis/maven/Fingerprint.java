package dev.portcullis.maven;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A SHA-256 over everything a goal's result depends on: input files (their names and contents, so a
 * rename counts as a change) and settings. Each item is framed by its length, so two different
 * sequences of items never hash alike. Not thread-safe.
 */
final class Fingerprint {

    private final MessageDigest digest;

    Fingerprint() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    /** Adds a setting; {@code null} is distinct from every string. */
    Fingerprint value(String name, Object value) {
        text(name);
        text(value == null ? "\u0000null" : String.valueOf(value));
        return this;
    }

    /** Adds a file's name (as given) and content; a missing file hashes as missing. */
    Fingerprint file(String name, Path file) throws IOException {
        text(name);
        if (!Files.isRegularFile(file)) {
            text("\u0000missing");
            return this;
        }
        long size = Files.size(file);
        frame(size);
        byte[] buffer = new byte[8192];
        try (InputStream in = Files.newInputStream(file)) {
            int read;
            while ((read = in.read(buffer)) > 0) {
                digest.update(buffer, 0, read);
            }
        }
        return this;
    }

    /** The hash in hex; the fingerprint cannot be extended afterwards. */
    String hex() {
        return HexFormat.of().formatHex(digest.digest());
    }

    private void text(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        frame(bytes.length);
        digest.update(bytes);
    }

    private void frame(long length) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            digest.update((byte) (length >>> shift));
        }
    }
}
