package dev.portcullis.testkit.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A generated transcript of 1,000,000 lines (about 275 MB) replays in a JVM whose heap is 32 MB: the
 * reader, the engine and the pending-response map hold only bounded state.
 */
class MillionLineReplayTest {

    @Test
    void aMillionLinesReplayInA32MegabyteHeap() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(List.of(java.toString(), "-Xmx32m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), BoundedHeapReplay.class.getName(), "1000000"))
                .redirectErrorStream(true)
                .start();
        boolean finished = child.waitFor(3, TimeUnit.MINUTES);
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!finished) {
            child.destroyForcibly();
        }
        assertThat(finished).as("finished within 3 minutes").isTrue();
        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).contains("status=passed lines=1000000 calls=500000 allowed=500000 released=25000 mismatches=0 errors=0");
    }
}
