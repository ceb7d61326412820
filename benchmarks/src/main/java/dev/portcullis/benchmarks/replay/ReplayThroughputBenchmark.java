package dev.portcullis.benchmarks.replay;

import dev.portcullis.testkit.policy.PolicyLoader;
import dev.portcullis.testkit.replay.PolicyUnderTest;
import dev.portcullis.testkit.replay.ReplayEngine;
import dev.portcullis.testkit.replay.ReplayListener;
import dev.portcullis.testkit.replay.TranscriptResult;
import dev.portcullis.testkit.synthetic.SyntheticTranscript;
import dev.portcullis.testkit.transcript.TranscriptLimits;
import dev.portcullis.testkit.transcript.TranscriptLine;
import dev.portcullis.testkit.transcript.TranscriptReader;
import dev.portcullis.testkit.transcript.TranscriptSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Replay throughput in transcript lines per second, on a generated transcript of 1,000,000 lines
 * (about 275 MB, written to a temporary file and deleted afterwards) of FHIR-export traffic: half
 * {@code tools/call} requests decided by the reference interpreter, half responses that settle their
 * reservations. Target: at least 500,000 lines per second.
 *
 * <p>Two baselines in the same JVM show where the time goes: reading the file's lines as strings
 * ({@code readLines}, the floor for any line-based reader), and reading and parsing every line into
 * transcript lines without deciding anything ({@code parseOnly}).
 *
 * <pre>
 * mvn -B -ntp -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar ReplayThroughputBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
@Warmup(iterations = 3, time = 10)
@Measurement(iterations = 5, time = 10)
public class ReplayThroughputBenchmark {

    static final int LINES = 1_000_000;

    private Path transcript;
    private PolicyUnderTest policy;
    private ReplayEngine engine;

    @Setup(Level.Trial)
    public void generateTranscript() throws IOException {
        transcript = Files.createTempFile("portcullis-replay-benchmark", ".jsonl");
        SyntheticTranscript.write(transcript, LINES);
        policy = PolicyLoader.standard()
                .load("synthetic.json", SyntheticTranscript.POLICY_JSON.getBytes(StandardCharsets.UTF_8))
                .policy().orElseThrow();
        engine = new ReplayEngine();
        TranscriptResult check = replay();
        if (!check.passed() || check.counts().lines() != LINES) {
            throw new IllegalStateException("the generated transcript must pass: " + check.status() + ", "
                    + check.counts() + ", first mismatch " + check.mismatches());
        }
    }

    @TearDown(Level.Trial)
    public void deleteTranscript() throws IOException {
        Files.deleteIfExists(transcript);
    }

    /** Read, parse, decide every call, settle every response, compare with expectations. */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public TranscriptResult replay() {
        return engine.replay(TranscriptSource.ofFile(transcript), policy, ReplayListener.NONE);
    }

    /** Baseline: read and parse every line, decide nothing. */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public long parseOnly() throws IOException {
        long calls = 0;
        try (TranscriptReader reader = TranscriptReader.open(TranscriptSource.ofFile(transcript), TranscriptLimits.DEFAULT)) {
            for (TranscriptLine line = reader.next(); line != null; line = reader.next()) {
                if (line instanceof TranscriptLine.CallLine) {
                    calls++;
                }
            }
        }
        return calls;
    }

    /** Baseline: read the lines as strings, parse nothing. */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public long readLines() throws IOException {
        long length = 0;
        try (BufferedReader reader = Files.newBufferedReader(transcript, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                length += line.length();
            }
        }
        return length;
    }
}
