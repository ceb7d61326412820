package dev.portcullis.cli;

import dev.portcullis.testkit.policy.FilePolicy;
import dev.portcullis.testkit.replay.PolicyCatalog;
import dev.portcullis.testkit.replay.PolicySelector;
import dev.portcullis.testkit.replay.ReplayEngine;
import dev.portcullis.testkit.replay.ReplayListener;
import dev.portcullis.testkit.replay.ReplayOptions;
import dev.portcullis.testkit.replay.ReportLog;
import dev.portcullis.testkit.replay.RunResult;
import dev.portcullis.testkit.report.ConsoleReporter;
import dev.portcullis.testkit.report.Reporters;
import dev.portcullis.testkit.transcript.TranscriptFinder;
import dev.portcullis.testkit.transcript.TranscriptSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code portcullis test --policy POLICY TRANSCRIPT_OR_DIR...}: replays transcripts and compares every
 * decision with what its line expects. The summary and every failure go to standard output, the reports
 * to {@code --report-dir}; the exit code says whether everything held.
 */
@Command(name = "test", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "Replay transcripts through policies and check every expectation.",
        description = "Replay recorded transcripts (JSON lines) through policies and compare each decision with"
                + " the line's expectation (expect, expect_rule, expect_reason; a line without one expects "
                + "allow). With several policies, each transcript uses the policy its first line names, "
                + "else the one its folder is named after.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  portcullis test --policy policies/healthlake.json transcripts/",
            "  portcullis test --policy healthlake.json --report-dir target/portcullis-reports \\",
            "                  --coverage-threshold 80 runaway-agent.jsonl wrong-bucket.jsonl",
            "  portcullis test --policy policies/ --engine interpreted transcripts/"})
final class TestCommand implements Callable<Integer> {

    private final Terminal terminal;

    @Mixin
    CommonOptions common;

    @Option(names = {"-p", "--policy"}, paramLabel = "POLICY", required = true,
            description = "A policy file, or a directory of them. Repeatable.")
    List<Path> policies;

    @Parameters(paramLabel = "TRANSCRIPT_OR_DIR", arity = "1..*",
            description = "Transcript files (.jsonl), or directories to search for them.")
    List<Path> transcripts;

    @Option(names = "--report-dir", paramLabel = "DIR",
            description = "Write the JUnit XML (TEST-*.xml), JSON and HTML reports into this directory.")
    Path reportDir;

    @Option(names = "--coverage-threshold", paramLabel = "PERCENT", defaultValue = "0",
            description = "Fail (exit code 4) when fewer than PERCENT %% of the rules, conditions and limits are exercised.")
    double coverageThreshold;

    @Mixin
    EngineOption engine;

    @Mixin
    ToolsListOption toolsList;

    TestCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        if (!(coverageThreshold >= 0 && coverageThreshold <= 100)) {
            throw CommandFailure.usage("--coverage-threshold must be a percentage from 0 to 100, got " + coverageThreshold);
        }
        List<FilePolicy> loaded = loadPolicies();
        List<TranscriptSource> sources = findTranscripts();
        ReportLog log = message -> terminal.problem("warning: " + message);
        List<ReplayListener> reporters = new ArrayList<>();
        reporters.add(new ConsoleReporter(line -> terminal.out().println(line), line -> terminal.out().println(line)));
        if (reportDir != null) {
            createReportDir();
            reporters.addAll(Reporters.fileReports(reportDir));
        }
        RunResult run = new ReplayEngine(ReplayOptions.DEFAULT, log)
                .run(sources, selector(loaded), Reporters.combine(log, reporters));
        terminal.out().flush();
        return verdict(run);
    }

    private List<FilePolicy> loadPolicies() {
        PolicyFiles files = toolsList.policyFiles();
        List<FilePolicy> loaded = new ArrayList<>();
        for (Path file : files.expand(policies)) {
            loaded.add(engine.engine.policy(file, files.load(file, terminal)));
        }
        return loaded;
    }

    private static PolicySelector selector(List<FilePolicy> loaded) {
        if (loaded.size() == 1) {
            return PolicySelector.always(loaded.get(0));
        }
        try {
            return PolicyCatalog.builder().addAll(loaded).build();
        } catch (IllegalArgumentException clash) {
            throw CommandFailure.usage(clash.getMessage());
        }
    }

    private List<TranscriptSource> findTranscripts() {
        List<TranscriptSource> sources;
        try {
            sources = TranscriptFinder.fromPaths(transcripts);
        } catch (NoSuchFileException missing) {
            throw CommandFailure.usage("no such transcript file or directory: " + missing.getFile());
        } catch (IOException unreadable) {
            throw CommandFailure.unreadable("cannot list the transcripts: " + unreadable.getMessage(), unreadable);
        }
        if (sources.isEmpty()) {
            throw CommandFailure.usage("no transcripts (*.jsonl) under " + transcripts);
        }
        return sources;
    }

    private void createReportDir() {
        try {
            Files.createDirectories(reportDir);
        } catch (IOException cannot) {
            throw CommandFailure.unreadable("cannot create the report directory " + reportDir + ": " + cannot, cannot);
        }
    }

    private int verdict(RunResult run) {
        if (run.errors() > 0) {
            throw CommandFailure.usage(run.errors() + " of " + PolicyFiles.count(run.transcriptsRun(), "transcript")
                    + " could not be replayed as written (see Errors above)"
                    + (run.failures() > 0 ? "; " + run.failures() + " failed" : ""));
        }
        if (run.failures() > 0) {
            throw new CommandFailure(ExitCode.TEST_FAILED, run.failures() + " of "
                    + PolicyFiles.count(run.transcriptsRun(), "transcript") + " failed (see Failures above)");
        }
        Optional<String> shortfall = run.coverageShortfall(coverageThreshold);
        if (shortfall.isPresent()) {
            throw new CommandFailure(ExitCode.TEST_FAILED, shortfall.get());
        }
        return ExitCode.OK.code();
    }
}
