package dev.portcullis.maven;

import dev.portcullis.runtime.loader.PolicyLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The {@code META-INF/portcullis/} tree in an output folder, as far as this plugin manages it: the
 * codegen's writer adds policy folders and index entries; this class takes away the folders of
 * policies that no longer exist (renamed or deleted since the last build), and their index entries,
 * so the jar never ships a policy the project dropped.
 */
final class PrecompiledOutput {

    private final Path root;

    /** @param outputDirectory the folder that holds {@code META-INF/} ({@code target/classes}) */
    PrecompiledOutput(Path outputDirectory) {
        this.root = Objects.requireNonNull(outputDirectory, "outputDirectory").resolve(PolicyLoader.ROOT);
    }

    /** The folder of precompiled policies. */
    Path root() {
        return root;
    }

    /**
     * Deletes the policies in {@code previous} that are not in {@code current}, and drops them from the
     * index. Policies this plugin did not write (not in {@code previous}) are left alone.
     *
     * @param previous the descriptors ({@code <folder>/policy.bin}) the last run wrote
     * @param current  the descriptors this run wrote
     */
    void removeStale(List<Path> previous, List<Path> current) throws IOException {
        List<String> removed = new ArrayList<>();
        for (Path descriptor : previous) {
            Path folder = descriptor.toAbsolutePath().normalize().getParent();
            Path normalized = folder.toAbsolutePath().normalize();
            boolean stillWritten = current.stream().anyMatch(path -> path.toAbsolutePath().normalize().getParent().equals(normalized));
            if (!stillWritten && normalized.getParent() != null
                    && normalized.getParent().equals(root.toAbsolutePath().normalize())) {
                deleteTree(normalized);
                removed.add(normalized.getFileName().toString());
            }
        }
        if (!removed.isEmpty()) {
            dropFromIndex(removed);
        }
    }

    private void dropFromIndex(List<String> folders) throws IOException {
        Path index = root.resolve("index");
        if (!Files.isRegularFile(index)) {
            return;
        }
        List<String> names;
        try (InputStream in = Files.newInputStream(index)) {
            names = new ArrayList<>(PolicyLoader.readIndex(in));
        }
        names.removeAll(folders);
        Path temporary = Files.createTempFile(root, ".index", ".tmp");
        Files.writeString(temporary, names.isEmpty() ? "" : String.join("\n", names) + "\n", StandardCharsets.UTF_8);
        Files.move(temporary, index, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
