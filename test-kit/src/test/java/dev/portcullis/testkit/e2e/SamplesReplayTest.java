package dev.portcullis.testkit.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.portcullis.testkit.policy.PolicyLoadResult;
import dev.portcullis.testkit.policy.PolicyLoader;
import dev.portcullis.testkit.replay.PolicyCatalog;
import dev.portcullis.testkit.replay.ReplayEngine;
import dev.portcullis.testkit.replay.RunResult;
import dev.portcullis.testkit.report.ConsoleReporter;
import dev.portcullis.testkit.transcript.TranscriptFinder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The repository's sample project, replayed as the Maven plugin will: every transcript must hold. */
class SamplesReplayTest {

    private static final Path SAMPLE = Path.of("..", "samples", "fhir-export");

    @Test
    void theFhirExportSampleTranscriptsHoldAgainstItsPolicy() throws IOException {
        assumeTrue(Files.isDirectory(SAMPLE.resolve("src/test/transcripts")), "the samples/fhir-export project is not present");
        PolicyCatalog.Builder catalog = PolicyCatalog.builder();
        for (PolicyLoadResult loaded : PolicyLoader.standard().loadAll(SAMPLE.resolve("src/main/policies"))) {
            assertThat(loaded.hasErrors()).as(loaded.diagnostics().toString()).isFalse();
            catalog.add(loaded.policy().orElseThrow());
        }
        List<String> console = new ArrayList<>();
        RunResult run = new ReplayEngine().run(TranscriptFinder.in(SAMPLE.resolve("src/test/transcripts")).find(),
                catalog.build(), new ConsoleReporter(console::add, console::add));
        assertThat(run.transcriptsRun()).isGreaterThanOrEqualTo(4);
        assertThat(run.successful()).as(String.join("\n", console)).isTrue();
        assertThat(run.transcripts()).allSatisfy(result -> assertThat(result.counts().calls()).isPositive());
    }
}
