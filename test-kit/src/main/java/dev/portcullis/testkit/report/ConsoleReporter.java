package dev.portcullis.testkit.report;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.testkit.coverage.CoverageReport;
import dev.portcullis.testkit.replay.CallCounts;
import dev.portcullis.testkit.replay.Mismatch;
import dev.portcullis.testkit.replay.ReplayListener;
import dev.portcullis.testkit.replay.RunResult;
import dev.portcullis.testkit.replay.TranscriptResult;
import dev.portcullis.testkit.replay.TranscriptStatus;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The console summary, as Surefire prints it: one line when everything passed, then every failure and
 * error in a form a person acts on, {@code runaway-agent.jsonl:12 start_fhir_export_job expected ALLOW but
 * was DENY: ...}, and coverage per policy.
 *
 * <pre>
 * Transcripts run: 5, Failures: 1, Errors: 0 (1,234 calls: 1,200 allowed, 30 denied, 4 held for approval)
 * Failures:
 *   runaway-agent.jsonl:12 start_fhir_export_job expected ALLOW but was DENY: ...
 * Coverage: fhir-export: 5 of 7 rules, conditions and limits exercised (71.4%); never hit: a, b
 * </pre>
 */
public final class ConsoleReporter implements ReplayListener {

    /** Per transcript, at most this many mismatches are printed; the count of the rest follows. */
    public static final int MAX_PRINTED_PER_TRANSCRIPT = 20;

    private final Consumer<String> info;
    private final Consumer<String> problems;

    /**
     * @param info     where the summary and coverage go (a Maven plugin passes {@code getLog()::info})
     * @param problems where failures and errors go ({@code getLog()::error})
     */
    public ConsoleReporter(Consumer<String> info, Consumer<String> problems) {
        this.info = Objects.requireNonNull(info, "info");
        this.problems = Objects.requireNonNull(problems, "problems");
    }

    /** Everything to one stream. */
    public ConsoleReporter(PrintStream out) {
        this(out::println, out::println);
    }

    @Override
    public void runFinished(RunResult run) {
        String summary = run.summary() + " (" + callSummary(run) + ")";
        (run.successful() ? info : problems).accept(summary);
        printProblems(run, TranscriptStatus.FAILED, "Failures:");
        printProblems(run, TranscriptStatus.ERROR, "Errors:");
        for (CoverageReport coverage : run.coverage()) {
            info.accept("Coverage: " + Markup.printable(coverage.summary()));
        }
    }

    private void printProblems(RunResult run, TranscriptStatus status, String heading) {
        boolean headed = false;
        for (TranscriptResult result : run.transcripts()) {
            if (result.status() != status) {
                continue;
            }
            if (!headed) {
                problems.accept(heading);
                headed = true;
            }
            for (Diagnostic error : result.errors()) {
                problems.accept("  " + Markup.printable(error.toString()));
            }
            long unlistedErrors = result.errorCount() - result.errors().size();
            if (unlistedErrors > 0) {
                problems.accept("  " + result.name() + ": " + unlistedErrors + " more broken lines not listed");
            }
            int printed = 0;
            for (Mismatch mismatch : result.mismatches()) {
                if (printed++ == MAX_PRINTED_PER_TRANSCRIPT) {
                    break;
                }
                problems.accept("  " + Markup.printable(mismatch.toString()));
            }
            long notPrinted = result.mismatchCount() - Math.min(result.mismatches().size(), MAX_PRINTED_PER_TRANSCRIPT);
            if (notPrinted > 0) {
                problems.accept("  " + Markup.printable(result.name()) + ": " + notPrinted
                        + " more mismatches (see the reports for the first " + result.mismatches().size() + ")");
            }
        }
    }

    private static String callSummary(RunResult run) {
        CallCounts totals = run.totals();
        return String.format(Locale.ROOT, "%,d calls: %,d allowed, %,d denied, %,d held for approval",
                totals.calls(), totals.allowed(), totals.denied(), totals.approvalRequired());
    }
}
