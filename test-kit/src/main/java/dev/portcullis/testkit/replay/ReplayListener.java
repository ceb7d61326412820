package dev.portcullis.testkit.replay;

/**
 * Follows a run as it happens, as Surefire's reporters follow tests: events arrive in order, from the
 * thread that runs the replay. Reporters implement the events they need. A listener that throws does
 * not stop the run when it is wrapped by {@code dev.portcullis.testkit.report.Reporters}.
 */
public interface ReplayListener {

    /** A listener that ignores every event. */
    ReplayListener NONE = new ReplayListener() {
    };

    default void runStarted(int transcripts) {
    }

    default void transcriptStarted(TranscriptStart start) {
    }

    /** One {@code tools/call} decided; called for every call, so it must be cheap. */
    default void callDecided(CallOutcome outcome) {
    }

    default void transcriptFinished(TranscriptResult result) {
    }

    default void runFinished(RunResult result) {
    }
}
