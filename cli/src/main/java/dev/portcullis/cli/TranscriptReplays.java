package dev.portcullis.cli;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.testkit.replay.ReplayEngine;
import dev.portcullis.testkit.replay.ReplayOptions;
import dev.portcullis.testkit.replay.TranscriptResult;

/** How commands that replay one transcript report the test kit's trouble and the transcript's broken lines. */
final class TranscriptReplays {

    private TranscriptReplays() {
    }

    /** The replay engine, its own warnings (a reporter that failed) on standard error. */
    static ReplayEngine engine(Terminal terminal) {
        return new ReplayEngine(ReplayOptions.DEFAULT, message -> terminal.problem("warning: " + message));
    }

    /**
     * Prints each problem of the transcript as {@code file:line:col: error PC3xx: ...}.
     *
     * @throws CommandFailure (exit code 2) when it had any: it could not be replayed as written
     */
    static void requireReplayable(TranscriptResult result, Terminal terminal) {
        for (Diagnostic error : result.errors()) {
            terminal.problem(error.toString());
        }
        long notShown = result.errorCount() - result.errors().size();
        if (notShown > 0) {
            terminal.problem(result.name() + ": " + PolicyFiles.count(notShown, "more error") + " not shown");
        }
        if (result.errorCount() > 0) {
            throw CommandFailure.usage(result.name() + " could not be replayed as written ("
                    + PolicyFiles.count(result.errorCount(), "error") + ")");
        }
    }
}
