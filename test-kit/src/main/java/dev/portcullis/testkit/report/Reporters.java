package dev.portcullis.testkit.report;

import dev.portcullis.testkit.replay.CallOutcome;
import dev.portcullis.testkit.replay.GuardedListener;
import dev.portcullis.testkit.replay.ReplayListener;
import dev.portcullis.testkit.replay.ReportLog;
import dev.portcullis.testkit.replay.RunResult;
import dev.portcullis.testkit.replay.TranscriptResult;
import dev.portcullis.testkit.replay.TranscriptStart;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts reporters behind one listener, as Surefire does: each reporter is guarded on its own, so one that
 * throws is logged and skipped while the others, and the run, go on.
 */
public final class Reporters {

    /** The JSON report's file name in a reports directory. */
    public static final String JSON_REPORT = "portcullis-report.json";
    /** The HTML report's file name in a reports directory. */
    public static final String HTML_REPORT = "portcullis-report.html";

    private Reporters() {
    }

    public static ReplayListener combine(ReportLog log, ReplayListener... reporters) {
        return combine(log, List.of(reporters));
    }

    public static ReplayListener combine(ReportLog log, List<? extends ReplayListener> reporters) {
        List<ReplayListener> guarded = new ArrayList<>();
        for (ReplayListener reporter : reporters) {
            guarded.add(GuardedListener.guard(reporter, log));
        }
        return new Broadcast(guarded);
    }

    /**
     * The reports a build writes into {@code directory}: JUnit XML ({@code TEST-*.xml}),
     * {@value #JSON_REPORT} and {@value #HTML_REPORT}.
     */
    public static List<ReplayListener> fileReports(Path directory) {
        return List.of(new JUnitXmlReporter(directory), new JsonReporter(directory.resolve(JSON_REPORT)),
                new HtmlReporter(directory.resolve(HTML_REPORT)));
    }

    /** The console summary on {@code console} plus every file report in {@code directory}. */
    public static ReplayListener standard(ReportLog log, PrintStream console, Path directory) {
        List<ReplayListener> all = new ArrayList<>();
        all.add(new ConsoleReporter(console));
        all.addAll(fileReports(directory));
        return combine(log, all);
    }

    /** Hands every event to each listener in turn; each is guarded on its own. */
    private record Broadcast(List<ReplayListener> listeners) implements ReplayListener {
        @Override
        public void runStarted(int transcripts) {
            listeners.forEach(listener -> listener.runStarted(transcripts));
        }

        @Override
        public void transcriptStarted(TranscriptStart start) {
            listeners.forEach(listener -> listener.transcriptStarted(start));
        }

        @Override
        public void callDecided(CallOutcome outcome) {
            for (ReplayListener listener : listeners) {
                // a plain loop: this runs once per call
                listener.callDecided(outcome);
            }
        }

        @Override
        public void transcriptFinished(TranscriptResult result) {
            listeners.forEach(listener -> listener.transcriptFinished(result));
        }

        @Override
        public void runFinished(RunResult result) {
            listeners.forEach(listener -> listener.runFinished(result));
        }
    }
}
