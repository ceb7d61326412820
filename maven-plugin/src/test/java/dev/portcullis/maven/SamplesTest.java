package dev.portcullis.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.portcullis.compiler.dsl.DslFrontEnd;
import dev.portcullis.compiler.frontend.FrontEnds;
import dev.portcullis.runtime.Decision;
import dev.portcullis.testkit.policy.FilePolicy;
import dev.portcullis.testkit.policy.PolicyLoadResult;
import dev.portcullis.testkit.policy.PolicyLoader;
import dev.portcullis.testkit.replay.CallOutcome;
import dev.portcullis.testkit.replay.PolicySelector;
import dev.portcullis.testkit.replay.ReplayEngine;
import dev.portcullis.testkit.replay.ReplayListener;
import dev.portcullis.testkit.replay.RunResult;
import dev.portcullis.testkit.transcript.TranscriptFinder;
import dev.portcullis.testkit.transcript.TranscriptSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the sample projects honest: the DSL twin of the FHIR-export policy decides every recorded call
 * exactly as the JSON policy does, and every sample builds with this version of the plugin.
 */
class SamplesTest {

    private static final Path SAMPLES = Path.of("..", "samples");
    private static final Path FHIR_EXPORT = SAMPLES.resolve("fhir-export");

    @Test
    void theDslTwinDecidesEveryRecordedCallAsTheJsonPolicy() throws IOException {
        assumeTrue(Files.isDirectory(FHIR_EXPORT), "the samples/fhir-export project is not present");
        List<TranscriptSource> transcripts = TranscriptFinder.in(FHIR_EXPORT.resolve("src/test/transcripts")).find();

        List<String> json = decisions(load(FHIR_EXPORT.resolve("src/main/policies/healthlake.json")), transcripts);
        List<String> dsl = decisions(load(FHIR_EXPORT.resolve("src/main/dsl/healthlake.policy")), transcripts);

        assertThat(json).hasSizeGreaterThanOrEqualTo(30)
                .anyMatch(decision -> decision.contains("DENY start_fhir_export_job_rate"))
                .anyMatch(decision -> decision.contains("DENY tools.start_fhir_export_job.require[0]"))
                .anyMatch(decision -> decision.contains("DENY tools.start_fhir_export_job.require[1]"))
                .anyMatch(decision -> decision.contains("REQUIRE_APPROVAL tools.start_fhir_import_job"));
        assertThat(dsl).containsExactlyElementsOf(json);
    }

    @Test
    void everySampleUsesThisVersionOfThePlugin() throws IOException {
        String version = System.getProperty("portcullis.version");
        assumeTrue(version != null && Files.isDirectory(SAMPLES), "run by Maven, with the samples present");
        Pattern declared = Pattern.compile("<portcullis\\.version>([^<]+)</portcullis\\.version>");
        List<Path> poms;
        try (Stream<Path> samples = Files.list(SAMPLES)) {
            poms = samples.map(sample -> sample.resolve("pom.xml")).filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(poms).hasSizeGreaterThanOrEqualTo(2);
        for (Path pom : poms) {
            Matcher matcher = declared.matcher(Files.readString(pom));
            assertThat(matcher.find()).as("%s declares portcullis.version", pom).isTrue();
            assertThat(matcher.group(1)).as("the plugin version %s uses", pom).isEqualTo(version);
        }
    }

    private static FilePolicy load(Path file) {
        PolicyLoadResult loaded = PolicyLoader.standard()
                .withFrontEnds(FrontEnds.standard().with(DslFrontEnd.FORMAT, new DslFrontEnd()))
                .load(file);
        assertThat(loaded.diagnostics()).as("diagnostics of %s", file).isEmpty();
        return loaded.policy().orElseThrow();
    }

    /** Every call's decision, as {@code transcript:line EFFECT rule: reason}. */
    private static List<String> decisions(FilePolicy policy, List<TranscriptSource> transcripts) {
        List<String> decisions = new ArrayList<>();
        RunResult run = new ReplayEngine().run(transcripts, PolicySelector.always(policy), new ReplayListener() {
            @Override
            public void callDecided(CallOutcome outcome) {
                Decision decision = outcome.decision();
                decisions.add(outcome.transcript() + ":" + outcome.line() + " " + decision.effect() + " "
                        + decision.ruleId() + ": " + decision.reason());
            }
        });
        assertThat(run.successful()).as("the transcripts hold against %s", policy).isTrue();
        return decisions;
    }
}
