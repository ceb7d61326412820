package dev.portcullis.testkit.replay;

import java.util.Objects;

/**
 * Shields a run from a listener that throws: the failure is logged once, the listener receives no further
 * events (its state can no longer be trusted), and the run goes on. Writing a report never breaks the run.
 */
public final class GuardedListener implements ReplayListener {

    private final ReplayListener delegate;
    private final ReportLog log;
    private boolean failed;

    private GuardedListener(ReplayListener delegate, ReportLog log) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** {@code listener} guarded; a listener already guarded is returned as it is. */
    public static ReplayListener guard(ReplayListener listener, ReportLog log) {
        return listener instanceof GuardedListener ? listener : new GuardedListener(listener, log);
    }

    @Override
    public void runStarted(int transcripts) {
        deliver("runStarted", () -> delegate.runStarted(transcripts));
    }

    @Override
    public void transcriptStarted(TranscriptStart start) {
        deliver("transcriptStarted", () -> delegate.transcriptStarted(start));
    }

    @Override
    public void callDecided(CallOutcome outcome) {
        deliver("callDecided", () -> delegate.callDecided(outcome));
    }

    @Override
    public void transcriptFinished(TranscriptResult result) {
        deliver("transcriptFinished", () -> delegate.transcriptFinished(result));
    }

    @Override
    public void runFinished(RunResult result) {
        deliver("runFinished", () -> delegate.runFinished(result));
    }

    private void deliver(String event, Runnable delivery) {
        if (failed) {
            return;
        }
        try {
            delivery.run();
        } catch (RuntimeException | LinkageError | StackOverflowError failure) {
            disable(event, failure);
        }
    }

    private void disable(String event, Throwable failure) {
        failed = true;
        try {
            log.warn("reporter " + delegate.getClass().getSimpleName() + " failed in " + event + " (" + failure
                    + "); it is skipped for the rest of the run, the run goes on");
        } catch (RuntimeException logFailed) {
            // Nowhere left to report to; the run must still go on.
        }
    }
}
