package dev.portcullis.maven;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.testkit.policy.PolicyLoadResult;
import dev.portcullis.testkit.policy.PolicyLoader;
import dev.portcullis.testkit.replay.PolicyCatalog;
import dev.portcullis.testkit.replay.ReplayEngine;
import dev.portcullis.testkit.replay.ReplayListener;
import dev.portcullis.testkit.replay.ReplayOptions;
import dev.portcullis.testkit.replay.RunResult;
import dev.portcullis.testkit.replay.TranscriptResult;
import dev.portcullis.testkit.report.ConsoleReporter;
import dev.portcullis.testkit.report.Markup;
import dev.portcullis.testkit.report.Reporters;
import dev.portcullis.testkit.transcript.TranscriptFinder;
import dev.portcullis.testkit.transcript.TranscriptSource;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Replays every recorded agent transcript under {@code src/test/transcripts} ({@code **}{@code /*.jsonl})
 * against its policy and fails the build when a decision differs from what the transcript expects
 * (a call without {@code expect} is expected to be allowed). Prints a one-line summary, each failure
 * as {@code transcript:line tool expected ... but was ...: reason}, and coverage; writes JUnit XML,
 * JSON and HTML reports to {@code target/portcullis-reports}.
 *
 * <p>A transcript's policy: the {@code policy} named in its first line, else the nearest folder named
 * after a policy, else the project's only policy.
 */
@Mojo(name = "test", defaultPhase = LifecyclePhase.TEST, threadSafe = true)
public final class TestMojo extends AbstractPortcullisMojo {

    /** The folder of transcripts. */
    @Parameter(property = "portcullis.transcriptDirectory", defaultValue = "${project.basedir}/src/test/transcripts",
            required = true)
    File transcriptDirectory;

    /** Where the JUnit XML ({@code TEST-portcullis.*.xml}), JSON and HTML reports go. */
    @Parameter(property = "portcullis.reportsDirectory", defaultValue = "${project.build.directory}/portcullis-reports",
            required = true)
    File reportsDirectory;

    /** Transcripts to replay: globs over paths relative to {@link #transcriptDirectory}. Default {@code **}{@code /*.jsonl}. */
    @Parameter
    List<String> includes;

    /** Transcripts to leave out: globs over paths relative to {@link #transcriptDirectory}. */
    @Parameter
    List<String> excludes;

    /**
     * Replays only the transcripts whose file name matches one of these comma-separated globs, with or
     * without {@code .jsonl} ({@code -Dportcullis.test=runaway*}). The build fails when none matches.
     */
    @Parameter(property = "portcullis.test")
    String test;

    /**
     * Fails the build when fewer than this percentage of the policies' rules, conditions and limits are
     * exercised by the transcripts (as JaCoCo's {@code check} does). 0 turns the check off.
     */
    @Parameter(property = "portcullis.coverageThreshold", defaultValue = "0")
    double coverageThreshold;

    /**
     * What evaluates the policies: {@code interpreted}, the reference semantics, or {@code compiled}, the
     * compiled classes the {@code compile} goal ships to the gateway.
     */
    @Parameter(property = "portcullis.engine", defaultValue = "interpreted")
    String engine;

    /** Skips replaying transcripts, as it skips Surefire's tests. */
    @Parameter(property = "skipTests", defaultValue = "false")
    boolean skipTests;

    /** Skips replaying transcripts, as it skips compiling and running tests. */
    @Parameter(property = "maven.test.skip", defaultValue = "false")
    boolean mavenTestSkip;

    @Override
    String goal() {
        return "test";
    }

    @Override
    Optional<String> skipReason() {
        if (skipTests) {
            return Optional.of("skipTests");
        }
        if (mavenTestSkip) {
            return Optional.of("maven.test.skip");
        }
        return super.skipReason();
    }

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        if (coverageThreshold < 0 || coverageThreshold > 100) {
            throw new MojoExecutionException("coverageThreshold must be a percentage from 0 to 100, got " + coverageThreshold);
        }
        Engine evaluation;
        try {
            evaluation = Engine.named(engine);
        } catch (IllegalArgumentException unknown) {
            throw new MojoExecutionException(unknown.getMessage(), unknown);
        }
        try {
            List<TranscriptSource> transcripts = findTranscripts();
            if (transcripts.isEmpty()) {
                noTranscripts();
                return;
            }
            ProjectPolicies project = projectPolicies();
            List<Path> policyFiles = project.files();
            if (policyFiles.isEmpty()) {
                throw new MojoFailureException(Wording.count(transcripts.size(), "transcript") + " but no policy in "
                        + relativeName(project.policyDirectory()) + " to replay them against");
            }
            BuildStamp stamp = stamp(project.policyDirectory(), transcriptDirectory, reportsDirectory);
            if (stamp.isUpToDate(policyFiles, inputs -> fingerprint(inputs, transcripts, evaluation))) {
                getLog().info("Policies and transcripts unchanged since the last successful run: "
                        + Wording.count(transcripts.size(), "transcript") + " not replayed again");
                return;
            }
            RunResult run = replay(transcripts, catalog(project, policyFiles, evaluation));
            verify(run);
            Path reports = reportsDirectory.toPath();
            stamp.write(new BuildStamp.Recorded(fingerprint(project.inputs(policyFiles), transcripts, evaluation),
                    List.copyOf(project.includedFiles()),
                    List.of(reports.resolve(Reporters.JSON_REPORT), reports.resolve(Reporters.HTML_REPORT))));
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot read the policies or transcripts: " + e.getMessage(), e);
        }
    }

    private List<TranscriptSource> findTranscripts() throws IOException {
        TranscriptFinder finder = TranscriptFinder.in(transcriptDirectory.toPath());
        if (includes != null && !includes.isEmpty()) {
            finder.include(includes);
        }
        if (excludes != null && !excludes.isEmpty()) {
            finder.exclude(excludes);
        }
        List<String> filter = testFilter();
        if (!filter.isEmpty()) {
            finder.named(filter.toArray(String[]::new));
        }
        return finder.find();
    }

    private List<String> testFilter() {
        if (test == null || test.isBlank()) {
            return List.of();
        }
        return Arrays.stream(test.split(",")).map(String::trim).filter(glob -> !glob.isEmpty()).toList();
    }

    private void noTranscripts() throws MojoFailureException {
        if (!testFilter().isEmpty()) {
            throw new MojoFailureException("No transcript in " + relativeName(transcriptDirectory.toPath())
                    + " matches portcullis.test=" + test);
        }
        getLog().info("No transcripts to replay in " + relativeName(transcriptDirectory.toPath()));
    }

    private String fingerprint(List<Path> policyInputs, List<TranscriptSource> transcripts, Engine evaluation)
            throws IOException {
        Fingerprint fingerprint = withFiles(fingerprint(), policyInputs);
        for (TranscriptSource transcript : transcripts) {
            fingerprint.file(transcript.name(), transcript.file().orElseThrow());
        }
        return fingerprint.value("coverageThreshold", coverageThreshold).value("engine", evaluation).hex();
    }

    private PolicyCatalog catalog(ProjectPolicies project, List<Path> policyFiles, Engine evaluation)
            throws MojoFailureException {
        PolicyLoader loader = PolicyLoader.standard().withFrontEnds(project.frontEnds()).withEvaluator(evaluation.evaluator());
        PolicyCatalog.Builder catalog = PolicyCatalog.builder();
        List<String> problems = new ArrayList<>();
        for (Path file : policyFiles) {
            PolicyLoadResult loaded = loader.load(file, project.displayName(file));
            loaded.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::toString).forEach(problems::add);
            if (loaded.policy().isPresent()) {
                try {
                    catalog.add(loaded.policy().get());
                } catch (IllegalArgumentException sameName) {
                    problems.add(loaded.file() + ": error: " + sameName.getMessage());
                }
            }
        }
        if (!problems.isEmpty()) {
            problems.forEach(getLog()::error);
            throw new MojoFailureException("The policies in " + relativeName(project.policyDirectory())
                    + " have errors (see above; the check goal shows them with their source lines)");
        }
        return catalog.build();
    }

    private RunResult replay(List<TranscriptSource> transcripts, PolicyCatalog catalog) {
        List<ReplayListener> reporters = new ArrayList<>();
        reporters.add(new ConsoleReporter(getLog()::info, getLog()::error));
        reporters.addAll(Reporters.fileReports(reportsDirectory.toPath()));
        ReplayEngine engine = new ReplayEngine(ReplayOptions.DEFAULT, getLog()::warn);
        return engine.run(transcripts, catalog, Reporters.combine(getLog()::warn, reporters));
    }

    private void verify(RunResult run) throws MojoFailureException {
        String reports = relativeName(reportsDirectory.toPath());
        if (!run.successful()) {
            int failed = run.failures() + run.errors();
            throw new MojoFailureException(failed + " of " + Wording.count(run.transcriptsRun(), "transcript")
                    + " did not hold" + firstProblem(run).map(first -> "; first: " + Markup.printable(first)).orElse("")
                    + ". Reports: " + reports);
        }
        Optional<String> shortfall = run.coverageShortfall(coverageThreshold);
        if (shortfall.isPresent()) {
            throw new MojoFailureException(shortfall.get() + ". Reports: " + reports);
        }
    }

    private static Optional<String> firstProblem(RunResult run) {
        for (TranscriptResult result : run.transcripts()) {
            if (!result.errors().isEmpty()) {
                return Optional.of(result.errors().get(0).toString());
            }
            if (!result.mismatches().isEmpty()) {
                return Optional.of(result.mismatches().get(0).toString());
            }
        }
        return Optional.empty();
    }
}
