package dev.portcullis.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a goal's last successful run consumed and produced, kept in a small file under
 * {@code target/portcullis-state/}: the fingerprint of its inputs, the extra input files it discovered
 * while working (DSL includes), and the files it wrote. A goal whose fingerprint matches and whose
 * outputs all still exist has nothing to do. {@code mvn clean} removes the stamps with the outputs.
 *
 * <p>Format: line 1 {@code fingerprint <hex>}, then {@code input <path>} and {@code output <path>} lines.
 */
final class BuildStamp {

    private static final String FINGERPRINT = "fingerprint ";
    private static final String INPUT = "input ";
    private static final String OUTPUT = "output ";

    private final Path file;

    /** @param file the stamp's file; one per goal and configuration */
    BuildStamp(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    /** What the last successful run recorded. */
    record Recorded(String fingerprint, List<Path> extraInputs, List<Path> outputs) {
        Recorded {
            Objects.requireNonNull(fingerprint, "fingerprint");
            extraInputs = List.copyOf(extraInputs);
            outputs = List.copyOf(outputs);
        }

        /** Whether {@code current} matches and every output is still there. */
        boolean matches(String current) {
            return fingerprint.equals(current) && outputs.stream().allMatch(Files::exists);
        }
    }

    /** Computes a fingerprint over input files (and the goal's settings). */
    @FunctionalInterface
    interface Fingerprinter {
        String fingerprint(List<Path> inputs) throws IOException;
    }

    Path file() {
        return file;
    }

    /**
     * Whether the last successful run saw the same inputs: {@code files} plus the extra inputs it
     * recorded, fingerprinted alike, and left all its outputs in place. When not, the stamp is deleted
     * first, so that a run that then fails is never taken for a successful one.
     */
    boolean isUpToDate(List<Path> files, Fingerprinter fingerprinter) throws IOException {
        Optional<Recorded> last = read();
        if (last.isPresent()) {
            List<Path> inputs = new ArrayList<>(files);
            inputs.addAll(last.get().extraInputs());
            if (last.get().matches(fingerprinter.fingerprint(inputs))) {
                return true;
            }
        }
        delete();
        return false;
    }

    /** The last successful run's record; empty when there is none or it cannot be read (then the goal runs). */
    Optional<Recorded> read() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.get(0).startsWith(FINGERPRINT)) {
                return Optional.empty();
            }
            List<Path> inputs = new ArrayList<>();
            List<Path> outputs = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                if (line.startsWith(INPUT)) {
                    inputs.add(Path.of(line.substring(INPUT.length())));
                } else if (line.startsWith(OUTPUT)) {
                    outputs.add(Path.of(line.substring(OUTPUT.length())));
                }
            }
            return Optional.of(new Recorded(lines.get(0).substring(FINGERPRINT.length()), inputs, outputs));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** Records a successful run. */
    void write(Recorded recorded) throws IOException {
        StringBuilder text = new StringBuilder(FINGERPRINT).append(recorded.fingerprint()).append('\n');
        for (Path input : recorded.extraInputs()) {
            text.append(INPUT).append(input.toAbsolutePath()).append('\n');
        }
        for (Path output : recorded.outputs()) {
            text.append(OUTPUT).append(output.toAbsolutePath()).append('\n');
        }
        Files.createDirectories(file.getParent());
        Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Forgets the last run, so a failed run is never mistaken for a successful one. */
    void delete() throws IOException {
        Files.deleteIfExists(file);
    }
}
