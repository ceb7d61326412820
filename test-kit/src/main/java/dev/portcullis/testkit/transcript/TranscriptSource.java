package dev.portcullis.testkit.transcript;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a transcript comes from, and the name reports give it. The name is the path relative to the
 * transcript directory with {@code /} separators ({@code fhir-export/runaway-agent.jsonl}), so reports
 * read the same on every operating system.
 */
public final class TranscriptSource {

    /** Opens the transcript's bytes (UTF-8 JSON lines). Each call opens a fresh stream. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    private final String name;
    private final Path file;
    private final Opener opener;

    private TranscriptSource(String name, Path file, Opener opener) {
        this.name = Objects.requireNonNull(name, "name");
        this.file = file;
        this.opener = Objects.requireNonNull(opener, "opener");
    }

    /** A file, named as given ({@code file.toString()} with {@code /} separators). */
    public static TranscriptSource ofFile(Path file) {
        return new TranscriptSource(slashes(file.toString()), file, () -> Files.newInputStream(file));
    }

    /** A file under {@code root}, named by its path relative to {@code root}. */
    public static TranscriptSource ofFile(Path root, Path file) {
        String relative = slashes(root.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()).toString());
        return new TranscriptSource(relative, file, () -> Files.newInputStream(file));
    }

    /** Any stream, for example standard input ({@code TranscriptSource.of("<stdin>", () -> System.in)}). */
    public static TranscriptSource of(String name, Opener opener) {
        return new TranscriptSource(name, null, opener);
    }

    /** A transcript held in a string, for tests and generated scenarios. */
    public static TranscriptSource ofString(String name, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return new TranscriptSource(name, null, () -> new ByteArrayInputStream(bytes));
    }

    /** The name used in reports and in {@code name:line} locations. */
    public String name() {
        return name;
    }

    /** The file, when the transcript is one. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    public InputStream open() throws IOException {
        return opener.open();
    }

    /** The file name without directories and without the {@code .jsonl} extension. */
    public String baseName() {
        String last = name.substring(name.lastIndexOf('/') + 1);
        return last.endsWith(".jsonl") ? last.substring(0, last.length() - ".jsonl".length()) : last;
    }

    /** The folders of {@link #name()}, the nearest first ({@code a/b/t.jsonl} gives {@code [b, a]}). */
    public List<String> folders() {
        List<String> folders = new ArrayList<>();
        String[] parts = name.split("/");
        for (int i = parts.length - 2; i >= 0; i--) {
            if (!parts[i].isEmpty() && !parts[i].equals(".")) {
                folders.add(parts[i]);
            }
        }
        return Collections.unmodifiableList(folders);
    }

    @Override
    public String toString() {
        return name;
    }

    private static String slashes(String path) {
        return path.replace('\\', '/');
    }
}
