package dev.portcullis.benchmarks.replay;

import dev.portcullis.testkit.policy.PolicyLoader;
import dev.portcullis.testkit.replay.PolicyUnderTest;
import dev.portcullis.testkit.replay.ReplayEngine;
import dev.portcullis.testkit.replay.ReplayListener;
import dev.portcullis.testkit.replay.TranscriptResult;
import dev.portcullis.testkit.synthetic.SyntheticTranscript;
import dev.portcullis.testkit.transcript.TranscriptSource;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * TIMED BENCHMARK (not JMH): replays a generated 1,000,000-line transcript from a temporary file ten
 * times and prints, per run, lines per second of wall time and lines per second of the replaying
 * thread's CPU time. The CPU figure stays meaningful on a machine shared with other work, where wall
 * time measures the contention as much as the replay; {@link ReplayThroughputBenchmark} is the JMH
 * measurement of wall-time throughput.
 *
 * <pre>
 * mvn -B -ntp -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar dev.portcullis.benchmarks.replay.ReplayThroughputMain [lines] [runs]
 * </pre>
 */
public final class ReplayThroughputMain {

    private ReplayThroughputMain() {
    }

    public static void main(String[] args) throws IOException {
        long lines = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path transcript = Files.createTempFile("portcullis-replay-benchmark", ".jsonl");
        try {
            SyntheticTranscript.write(transcript, lines);
            PolicyUnderTest policy = PolicyLoader.standard()
                    .load("synthetic.json", SyntheticTranscript.POLICY_JSON.getBytes(StandardCharsets.UTF_8)).policy().orElseThrow();
            ReplayEngine engine = new ReplayEngine();
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            System.out.printf(Locale.ROOT, "transcript: %,d lines, %,d bytes%n", lines, Files.size(transcript));
            for (int run = 1; run <= runs; run++) {
                long wallStart = System.nanoTime();
                long cpuStart = threads.getCurrentThreadCpuTime();
                TranscriptResult result = engine.replay(TranscriptSource.ofFile(transcript), policy, ReplayListener.NONE);
                double wall = (System.nanoTime() - wallStart) / 1e9;
                double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
                if (!result.passed()) {
                    throw new IllegalStateException("the generated transcript must pass: " + result.status());
                }
                System.out.printf(Locale.ROOT, "run %2d: %,9.0f lines/s wall, %,9.0f lines per CPU-second%n", run,
                        result.counts().lines() / wall, result.counts().lines() / cpu);
            }
        } finally {
            Files.deleteIfExists(transcript);
        }
    }
}
