package dev.portcullis.testkit.replay;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import dev.portcullis.compiler.source.SourcePosition;
import dev.portcullis.runtime.CompiledPolicy;
import dev.portcullis.testkit.coverage.CoverageCalculator;
import dev.portcullis.testkit.coverage.CoverageReport;
import dev.portcullis.testkit.coverage.DecisionTally;
import dev.portcullis.testkit.transcript.TranscriptHeader;
import dev.portcullis.testkit.transcript.TranscriptReader;
import dev.portcullis.testkit.transcript.TranscriptSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Replays transcripts through policies and compares each decision with what its line expected.
 *
 * <p>Each transcript runs against a {@linkplain PolicyUnderTest#newInstance() fresh policy instance} with
 * empty counters, on a virtual clock driven by its {@code ts} values, so results never depend on wall time
 * or on which transcripts ran before. Lines are streamed: a transcript of any length replays in bounded
 * memory. A transcript's problems (a broken line, an unreadable file, no policy) fail that transcript
 * with an error; the run always goes on.
 *
 * <pre>{@code
 * RunResult result = new ReplayEngine().run(TranscriptFinder.in(dir).find(), catalog,
 *         Reporters.combine(log, new ConsoleReporter(System.out), new JUnitXmlReporter(reportDir)));
 * }</pre>
 */
public final class ReplayEngine {

    private final ReplayOptions options;
    private final ReportLog log;

    public ReplayEngine() {
        this(ReplayOptions.DEFAULT, ReportLog.toStandardError());
    }

    public ReplayEngine(ReplayOptions options, ReportLog log) {
        this.options = Objects.requireNonNull(options, "options");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** Replays every transcript, in order, each against the policy {@code selector} chooses for it. */
    public RunResult run(List<TranscriptSource> transcripts, PolicySelector selector, ReplayListener listener) {
        ReplayListener guarded = GuardedListener.guard(listener, log);
        long start = System.nanoTime();
        guarded.runStarted(transcripts.size());
        List<TranscriptResult> results = new ArrayList<>();
        Map<String, PolicyUnderTest> policiesUsed = new LinkedHashMap<>();
        for (TranscriptSource transcript : transcripts) {
            TranscriptResult result = replaySelected(transcript, selector, guarded, policiesUsed);
            results.add(result);
        }
        List<CoverageReport> coverage = coverage(results, policiesUsed);
        RunResult run = new RunResult(results, coverage, System.nanoTime() - start);
        guarded.runFinished(run);
        return run;
    }

    /** Replays one transcript against {@code policy}; its header's policy choice is not consulted. */
    public TranscriptResult replay(TranscriptSource transcript, PolicyUnderTest policy, ReplayListener listener) {
        return replaySelected(transcript, PolicySelector.always(policy), GuardedListener.guard(listener, log),
                new LinkedHashMap<>());
    }

    private TranscriptResult replaySelected(TranscriptSource transcript, PolicySelector selector, ReplayListener listener,
                                            Map<String, PolicyUnderTest> policiesUsed) {
        TranscriptReplay replay = new TranscriptReplay(transcript, options, listener);
        TranscriptReader reader;
        try {
            reader = TranscriptReader.open(transcript, options.limits());
        } catch (IOException | RuntimeException unreadable) {
            return finishWithError(replay, transcript, TranscriptHeader.NONE, null, listener,
                    Diagnostic.of(DiagnosticCode.TRANSCRIPT_UNREADABLE, SourcePosition.ofFile(transcript.name()),
                            TranscriptReplay.describe(unreadable)));
        }
        try {
            TranscriptHeader header = reader.header();
            PolicyUnderTest policy;
            try {
                policy = selector.select(transcript, header);
            } catch (PolicySelectionException noPolicy) {
                return finishWithError(replay, transcript, header, null, listener,
                        Diagnostic.of(DiagnosticCode.TRANSCRIPT_NO_POLICY, SourcePosition.ofFile(transcript.name()),
                                noPolicy.getMessage()));
            }
            policiesUsed.putIfAbsent(policy.name(), policy);
            CompiledPolicy instance;
            try {
                instance = policy.newInstance();
            } catch (RuntimeException broken) {
                return finishWithError(replay, transcript, header, policy.name(), listener,
                        Diagnostic.of(DiagnosticCode.TRANSCRIPT_POLICY_UNAVAILABLE, SourcePosition.ofFile(transcript.name()),
                                policy.name(), TranscriptReplay.describe(broken)));
            }
            listener.transcriptStarted(new TranscriptStart(transcript, header, policy.name()));
            replay.replay(reader, instance, policy.coverageModel());
            TranscriptResult result = replay.result(header, policy.name(), reader.lineNumber());
            listener.transcriptFinished(result);
            return result;
        } finally {
            close(reader, transcript);
        }
    }

    /** Every line has been read by now: a stream that fails to close changes no result, so it is only logged. */
    private void close(TranscriptReader reader, TranscriptSource transcript) {
        try {
            reader.close();
        } catch (IOException closeFailed) {
            log.warn("could not close transcript " + transcript.name() + ": " + TranscriptReplay.describe(closeFailed));
        }
    }

    private static TranscriptResult finishWithError(TranscriptReplay replay, TranscriptSource transcript, TranscriptHeader header,
                                                    String policy, ReplayListener listener, Diagnostic error) {
        listener.transcriptStarted(new TranscriptStart(transcript, header, policy));
        replay.error(error);
        TranscriptResult result = replay.result(header, policy, 0);
        listener.transcriptFinished(result);
        return result;
    }

    private static List<CoverageReport> coverage(List<TranscriptResult> results, Map<String, PolicyUnderTest> policiesUsed) {
        List<CoverageReport> reports = new ArrayList<>();
        for (PolicyUnderTest policy : policiesUsed.values()) {
            List<DecisionTally> tallies = new ArrayList<>();
            for (TranscriptResult result : results) {
                if (policy.name().equals(result.policy())) {
                    tallies.add(result.tally());
                }
            }
            reports.add(CoverageCalculator.compute(policy.name(), policy.coverageModel(), tallies));
        }
        return reports;
    }
}
