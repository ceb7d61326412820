package dev.portcullis.maven;

import static dev.portcullis.maven.TestProject.EXPORTS_POLICY;
import static dev.portcullis.maven.TestProject.export;
import static dev.portcullis.maven.TestProject.exports;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestMojoTest {

    @TempDir
    Path basedir;
    TestProject project;

    @BeforeEach
    void policy() throws IOException {
        project = new TestProject(basedir);
        project.write("src/main/policies/exports.json", EXPORTS_POLICY);
    }

    @Nested
    class Replay {

        @Test
        void transcriptsThatHoldPassQuietlyWithASummaryAndWriteEveryReport() throws Exception {
            project.write("src/test/transcripts/nightly.jsonl", exports(3, 60));
            project.write("src/test/transcripts/wrong-bucket.jsonl",
                    export(5, "public-assets", "\"expect\": \"deny\", \"expect_rule\": \"tools.start_fhir_export_job.require[0]\"") + "\n");

            project.test().execute();

            assertThat(project.log.visible()).first().asString()
                    .startsWith("[INFO] Transcripts run: 2, Failures: 0, Errors: 0 (4 calls: 3 allowed, 1 denied");
            assertThat(project.log.visible()).allMatch(line -> line.startsWith("[INFO]")).hasSizeLessThanOrEqualTo(2);
            Path reports = basedir.resolve("target/portcullis-reports");
            assertThat(reports.resolve("portcullis-report.json")).isRegularFile();
            assertThat(reports.resolve("portcullis-report.html")).isRegularFile();
            try (Stream<Path> files = Files.list(reports)) {
                assertThat(files.map(file -> file.getFileName().toString()))
                        .contains("TEST-portcullis.nightly.xml", "TEST-portcullis.wrong-bucket.xml");
            }
        }

        @Test
        void theEleventhExportWithinAMinuteFailsTheBuildNamingFileLineToolAndCounter() throws IOException {
            project.write("src/test/transcripts/runaway.jsonl", exports(11, 5));

            assertThatThrownBy(() -> project.test().execute())
                    .isInstanceOf(MojoFailureException.class)
                    .hasMessageStartingWith("1 of 1 transcript did not hold; first: runaway.jsonl:11 "
                            + "start_fhir_export_job expected ALLOW but was DENY: limit start_fhir_export_job_rate")
                    .hasMessageEndingWith("Reports: target/portcullis-reports");
            assertThat(project.log.lines()).contains("[ERROR] Failures:")
                    .anyMatch(line -> line.startsWith("[ERROR]   runaway.jsonl:11 start_fhir_export_job expected ALLOW but was DENY"));
            assertThat(basedir.resolve("target/portcullis-reports/portcullis-report.json")).isRegularFile();
        }

        @Test
        void aBrokenLineIsAnErrorWithItsLocation() throws IOException {
            project.write("src/test/transcripts/broken.jsonl", exports(1, 1) + "{not json\n");

            assertThatThrownBy(() -> project.test().execute())
                    .isInstanceOf(MojoFailureException.class)
                    .hasMessageContaining("first: broken.jsonl:2")
                    .hasMessageContaining("PC301");
        }

        @Test
        void eachTranscriptUsesThePolicyItsFolderOrFirstLineNames() throws Exception {
            project.write("src/main/policies/readers.policy", """
                    policy readers
                    default deny
                    tool read_fhir_resource {}
                    """);
            project.write("src/test/transcripts/exports/nightly.jsonl", exports(2, 60));
            project.write("src/test/transcripts/reader.jsonl", """
                    {"transcript": {"policy": "readers"}}
                    {"ts": 1, "tool": "read_fhir_resource", "arguments": {}}
                    {"ts": 2, "tool": "start_fhir_export_job", "arguments": {}, "expect": "deny", "expect_rule": "default"}
                    """);

            project.test().execute();

            assertThat(project.log.text()).contains("Transcripts run: 2, Failures: 0, Errors: 0")
                    .contains("Coverage: exports:").contains("Coverage: readers:");
        }

        @Test
        void withSeveralPoliciesATranscriptThatChoosesNoneIsAnError() throws IOException {
            project.write("src/main/policies/readers.policy", "policy readers\ntool read_fhir_resource {}\n");
            project.write("src/test/transcripts/orphan.jsonl", exports(1, 1));

            assertThatThrownBy(() -> project.test().execute()).isInstanceOf(MojoFailureException.class)
                    .hasMessageContaining("PC317").hasMessageContaining("several policies");
        }

        @Test
        void theBytecodeEngineDecidesAsTheInterpreter() throws Exception {
            project.write("src/test/transcripts/runaway.jsonl", exports(11, 5));
            TestMojo interpreted = project.test();
            assertThatThrownBy(interpreted::execute).isInstanceOf(MojoFailureException.class);
            String interpreterMessage = project.log.text();

            TestMojo compiled = project.test();
            compiled.engine = "compiled";
            assertThatThrownBy(compiled::execute).isInstanceOf(MojoFailureException.class);

            assertThat(project.log.text()).isEqualTo(interpreterMessage);
        }

        @Test
        void anUnknownEngineIsAConfigurationError() {
            TestMojo mojo = project.test();
            mojo.engine = "jit";
            assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class)
                    .hasMessage("engine must be 'interpreted' or 'compiled', got 'jit'");
        }

        @Test
        void aPolicyWithErrorsStopsTheReplay() throws IOException {
            project.write("src/main/policies/exports.json", "{\"version\": \"1\", \"default\": \"maybe\"}");
            project.write("src/test/transcripts/nightly.jsonl", exports(1, 1));

            assertThatThrownBy(() -> project.test().execute()).isInstanceOf(MojoFailureException.class)
                    .hasMessageContaining("have errors");
            assertThat(project.log.lines()).anyMatch(line -> line.startsWith("[ERROR] src/main/policies/exports.json:1:"));
        }

        @Test
        void transcriptsWithoutAnyPolicyFail() throws IOException {
            Files.delete(basedir.resolve("src/main/policies/exports.json"));
            project.write("src/test/transcripts/nightly.jsonl", exports(1, 1));

            assertThatThrownBy(() -> project.test().execute()).isInstanceOf(MojoFailureException.class)
                    .hasMessage("1 transcript but no policy in src/main/policies to replay them against");
        }

        @Test
        void noTranscriptsIsNoFailure() throws Exception {
            project.test().execute();
            assertThat(project.log.visible()).containsExactly("[INFO] No transcripts to replay in src/test/transcripts");
        }
    }

    @Nested
    class Selection {

        @BeforeEach
        void transcripts() throws IOException {
            project.write("src/test/transcripts/nightly.jsonl", exports(2, 60));
            project.write("src/test/transcripts/runaway-1.jsonl", exports(11, 5));
            project.write("src/test/transcripts/drafts/runaway-2.jsonl", exports(11, 5));
        }

        @Test
        void theTestFilterPicksTranscriptsByFileName() throws Exception {
            TestMojo mojo = project.test();
            mojo.test = "night*";
            mojo.execute();
            assertThat(project.log.text()).contains("Transcripts run: 1, Failures: 0");

            TestMojo both = project.test();
            both.test = "nightly, runaway-2";
            assertThatThrownBy(both::execute).hasMessageStartingWith("1 of 2 transcripts did not hold");
        }

        @Test
        void aFilterThatMatchesNothingFails() {
            TestMojo mojo = project.test();
            mojo.test = "nothing*";
            assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                    .hasMessage("No transcript in src/test/transcripts matches portcullis.test=nothing*");
        }

        @Test
        void includesAndExcludesAreGlobsOverRelativePaths() throws Exception {
            TestMojo mojo = project.test();
            mojo.includes = java.util.List.of("**/*.jsonl");
            mojo.excludes = java.util.List.of("runaway-*", "drafts/**");
            mojo.execute();
            assertThat(project.log.text()).contains("Transcripts run: 1, Failures: 0");
        }
    }

    @Nested
    class Coverage {

        @BeforeEach
        void transcript() throws IOException {
            // exercises the export entry and its limit; the require condition, list_fhir_jobs and default are never hit
            project.write("src/test/transcripts/nightly.jsonl", exports(2, 60));
        }

        @Test
        void belowTheThresholdFails() {
            TestMojo mojo = project.test();
            mojo.coverageThreshold = 90;
            assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                    .hasMessageStartingWith("coverage 40.0% of rules, conditions and limits exercised is below the threshold of 90.0%")
                    .hasMessageContaining("never hit");
        }

        @Test
        void atOrAboveTheThresholdPasses() throws Exception {
            TestMojo mojo = project.test();
            mojo.coverageThreshold = 40;
            mojo.execute();
        }

        @Test
        void aThresholdOutsideZeroToAHundredIsAConfigurationError() {
            TestMojo mojo = project.test();
            mojo.coverageThreshold = 101;
            assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class);
        }
    }

    @Nested
    class Skipping {

        @BeforeEach
        void failingTranscript() throws IOException {
            project.write("src/test/transcripts/runaway.jsonl", exports(11, 5));
        }

        @Test
        void skipTestsSkipsTheReplay() throws Exception {
            TestMojo mojo = project.test();
            mojo.skipTests = true;
            mojo.execute();
            assertThat(project.log.lines()).containsExactly("[INFO] Portcullis test skipped (skipTests)");
        }

        @Test
        void mavenTestSkipSkipsTheReplay() throws Exception {
            TestMojo mojo = project.test();
            mojo.mavenTestSkip = true;
            mojo.execute();
            assertThat(project.log.lines()).containsExactly("[INFO] Portcullis test skipped (maven.test.skip)");
        }

        @Test
        void portcullisSkipSkipsTheReplay() throws Exception {
            TestMojo mojo = project.test();
            mojo.skip = true;
            mojo.execute();
            assertThat(project.log.lines()).containsExactly("[INFO] Portcullis test skipped (portcullis.skip)");
            assertThat(basedir.resolve("target")).doesNotExist();
        }
    }

    @Nested
    class Incremental {

        private static final String UNCHANGED =
                "[INFO] Policies and transcripts unchanged since the last successful run: 1 transcript not replayed again";

        @BeforeEach
        void transcript() throws Exception {
            project.write("src/test/transcripts/nightly.jsonl", exports(2, 60));
            project.test().execute();
        }

        @Test
        void nothingChangedNothingReplayed() throws Exception {
            project.test().execute();
            assertThat(project.log.visible()).containsExactly(UNCHANGED);
        }

        @Test
        void aChangedTranscriptIsReplayed() throws Exception {
            project.write("src/test/transcripts/nightly.jsonl", exports(3, 60));
            project.test().execute();
            assertThat(project.log.text()).contains("Transcripts run: 1, Failures: 0, Errors: 0 (3 calls");
        }

        @Test
        void aChangedPolicyIsReplayed() throws Exception {
            project.write("src/main/policies/exports.json", EXPORTS_POLICY.replace("\"window\": \"minute\", \"max\": 10",
                    "\"window\": \"hour\", \"max\": 1"));
            assertThatThrownBy(() -> project.test().execute()).isInstanceOf(MojoFailureException.class);
        }

        @Test
        void aNewSettingReplays() throws Exception {
            TestMojo mojo = project.test();
            mojo.engine = "compiled";
            mojo.execute();
            assertThat(project.log.text()).contains("Transcripts run: 1");
        }

        @Test
        void deletedReportsAreWrittenAgain() throws Exception {
            Files.delete(basedir.resolve("target/portcullis-reports/portcullis-report.html"));
            project.test().execute();
            assertThat(basedir.resolve("target/portcullis-reports/portcullis-report.html")).isRegularFile();
        }

        @Test
        void aFailedRunIsReplayedNextTimeEvenIfNothingChanged() throws Exception {
            project.write("src/test/transcripts/runaway.jsonl", exports(11, 5));
            assertThatThrownBy(() -> project.test().execute()).isInstanceOf(MojoFailureException.class);
            assertThatThrownBy(() -> project.test().execute()).isInstanceOf(MojoFailureException.class);
        }

        @Test
        void aChangedIncludedFileIsReplayed() throws Exception {
            project.write("src/main/policy-parts/limits.policy", "counter exports = 10 per minute per grant\n");
            Files.delete(basedir.resolve("src/main/policies/exports.json"));
            project.write("src/test/transcripts/nightly.jsonl", exports(2, 5));
            project.write("src/main/policies/exports.policy", """
                    policy exports
                    include "../policy-parts/limits.policy"
                    tool start_fhir_export_job { limit exports }
                    """);
            project.test().execute();
            project.test().execute();
            assertThat(project.log.visible()).containsExactly(UNCHANGED);

            project.write("src/main/policy-parts/limits.policy", "counter exports = 1 per minute per grant\n");
            assertThatThrownBy(() -> project.test().execute()).isInstanceOf(MojoFailureException.class)
                    .hasMessageContaining("nightly.jsonl:2 start_fhir_export_job expected ALLOW but was DENY");
        }
    }
}
