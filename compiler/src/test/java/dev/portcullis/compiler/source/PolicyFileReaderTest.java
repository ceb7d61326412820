package dev.portcullis.compiler.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyFileReaderTest {

    @Test
    void readsARegularFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("p.json"), "{\"version\":\"1\"}", StandardCharsets.UTF_8);

        PolicyFileReader.Content content = PolicyFileReader.read(file, "p.json");

        assertThat(content.problem()).isEmpty();
        assertThat(new String(content.bytes().orElseThrow(), StandardCharsets.UTF_8)).isEqualTo("{\"version\":\"1\"}");
    }

    @Test
    void refusesAMissingFileADirectoryAndADevice(@TempDir Path dir) {
        assertThat(PolicyFileReader.read(dir.resolve("absent.json"), "absent.json").problem().orElseThrow())
                .hasToString("absent.json: error PC001: cannot read policy file: no such file");
        assertThat(PolicyFileReader.read(dir, "dir").problem().orElseThrow().code()).isEqualTo(DiagnosticCode.UNREADABLE_FILE);
        Path zero = Path.of("/dev/zero");
        Assumptions.assumeTrue(Files.exists(zero), "no /dev/zero on this system");
        assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
                assertThat(PolicyFileReader.read(zero, "/dev/zero").problem().orElseThrow().message()).contains("not a regular file"));
    }

    @Test
    void refusesAFileOverTheLimitFromItsSizeAlone(@TempDir Path dir) throws IOException {
        Path big = dir.resolve("big.json");
        try (RandomAccessFile sparse = new RandomAccessFile(big.toFile(), "rw")) {
            sparse.setLength(3L * 1024 * 1024 * 1024);
        }

        PolicyFileReader.Content content = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> PolicyFileReader.read(big, "big.json"));

        assertThat(content.problem().orElseThrow().code()).isEqualTo(DiagnosticCode.FILE_TOO_LARGE);
    }

    @Test
    void cutsAFileOneByteOverAGivenLimit(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("p.json"), "0123456789", StandardCharsets.UTF_8);

        assertThat(PolicyFileReader.read(file, "p.json", 10).bytes()).isPresent();
        assertThat(PolicyFileReader.read(file, "p.json", 9).problem().orElseThrow().code())
                .isEqualTo(DiagnosticCode.FILE_TOO_LARGE);
    }
}
