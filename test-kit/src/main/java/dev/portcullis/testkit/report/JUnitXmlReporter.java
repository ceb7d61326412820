package dev.portcullis.testkit.report;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.testkit.coverage.CoverageItem;
import dev.portcullis.testkit.coverage.CoverageReport;
import dev.portcullis.testkit.replay.Mismatch;
import dev.portcullis.testkit.replay.ReplayListener;
import dev.portcullis.testkit.replay.RunResult;
import dev.portcullis.testkit.replay.TranscriptResult;
import dev.portcullis.testkit.replay.TranscriptStatus;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Surefire-compatible JUnit XML, so CI servers list transcripts with the project's other tests.
 *
 * <p>One file {@code TEST-portcullis.<path>.xml} per transcript, holding one {@code testsuite} with one
 * {@code testcase} for the whole transcript: CI servers then show one test per transcript, named by its
 * title, and its {@code failure} (mismatches) or {@code error} (broken lines) lists every problem with its
 * {@code file:line}. A test case per call would bury the one failing call among thousands and make
 * million-line transcripts unreadable. Counts are {@code portcullis.*} properties of the suite.
 *
 * <p>Coverage goes to {@code TEST-portcullis-coverage.xml} (a name no transcript can take): one passing test case per policy, with its
 * figures as properties and its never-hit items in {@code system-out}.
 */
public final class JUnitXmlReporter implements ReplayListener {

    /** The Surefire schema the files follow. */
    static final String SCHEMA = "https://maven.apache.org/surefire/maven-surefire-plugin/xsd/surefire-test-report.xsd";
    static final String MISMATCH_TYPE = "dev.portcullis.testkit.ExpectationMismatch";
    static final String ERROR_TYPE = "dev.portcullis.testkit.TranscriptError";
    static final String COVERAGE_SUITE = "portcullis-coverage";

    private final Path directory;
    private final Set<String> suitesWritten = new HashSet<>();

    public JUnitXmlReporter(Path directory) {
        this.directory = directory;
    }

    @Override
    public void transcriptFinished(TranscriptResult result) {
        String suite = uniqueSuiteName(result.name());
        StringBuilder xml = new StringBuilder(1024);
        openSuite(xml, suite, result.durationNanos(), result.status() == TranscriptStatus.FAILED ? 1 : 0,
                result.status() == TranscriptStatus.ERROR ? 1 : 0, 1);
        xml.append("  <properties>\n");
        property(xml, "portcullis.transcript", result.name());
        property(xml, "portcullis.policy", result.policy() == null ? "" : result.policy());
        property(xml, "portcullis.calls", Long.toString(result.counts().calls()));
        property(xml, "portcullis.allowed", Long.toString(result.counts().allowed()));
        property(xml, "portcullis.denied", Long.toString(result.counts().denied()));
        property(xml, "portcullis.require_approval", Long.toString(result.counts().approvalRequired()));
        property(xml, "portcullis.mismatches", Long.toString(result.mismatchCount()));
        property(xml, "portcullis.errors", Long.toString(result.errorCount()));
        xml.append("  </properties>\n");
        xml.append("  <testcase name=\"").append(Markup.escapeAttribute(result.title())).append("\" classname=\"")
                .append(Markup.escapeAttribute(suite)).append("\" time=\"").append(seconds(result.durationNanos())).append('"');
        if (result.status() == TranscriptStatus.PASSED) {
            xml.append("/>\n");
        } else {
            xml.append(">\n");
            if (result.status() == TranscriptStatus.ERROR) {
                problem(xml, "error", ERROR_TYPE, firstProblem(result), allProblems(result));
            } else {
                problem(xml, "failure", MISMATCH_TYPE, firstProblem(result), allProblems(result));
            }
            xml.append("  </testcase>\n");
        }
        xml.append("</testsuite>\n");
        write(suite, xml);
    }

    @Override
    public void runFinished(RunResult run) {
        if (run.coverage().isEmpty()) {
            return;
        }
        String suite = COVERAGE_SUITE;
        StringBuilder xml = new StringBuilder(1024);
        openSuite(xml, suite, 0, 0, 0, run.coverage().size());
        xml.append("  <properties>\n");
        for (CoverageReport coverage : run.coverage()) {
            String prefix = "portcullis.coverage." + coverage.policy() + ".";
            property(xml, prefix + "model_known", Boolean.toString(coverage.modelKnown()));
            property(xml, prefix + "exercised", Integer.toString(coverage.exercisedCount()));
            property(xml, prefix + "total", Integer.toString(coverage.total()));
            property(xml, prefix + "percent", String.format(Locale.ROOT, "%.1f", coverage.percent()));
            StringBuilder never = new StringBuilder();
            for (CoverageItem item : coverage.neverHit()) {
                never.append(never.length() == 0 ? "" : ",").append(item.id());
            }
            property(xml, prefix + "never_hit", never.toString());
        }
        xml.append("  </properties>\n");
        for (CoverageReport coverage : run.coverage()) {
            xml.append("  <testcase name=\"").append(Markup.escapeAttribute("coverage of " + coverage.policy()))
                    .append("\" classname=\"").append(suite).append("\" time=\"0.000\">\n")
                    .append("    <system-out>").append(Markup.escape(coverage.summary())).append("</system-out>\n")
                    .append("  </testcase>\n");
        }
        xml.append("</testsuite>\n");
        write(suite, xml);
    }

    /** {@code fhir-export/runaway-agent.jsonl} becomes {@code portcullis.fhir-export.runaway-agent}. */
    static String suiteName(String transcriptName) {
        String withoutExtension = transcriptName.endsWith(".jsonl")
                ? transcriptName.substring(0, transcriptName.length() - ".jsonl".length()) : transcriptName;
        StringBuilder name = new StringBuilder("portcullis.");
        for (int i = 0; i < withoutExtension.length(); i++) {
            char c = withoutExtension.charAt(i);
            if (c == '/' || c == '\\') {
                name.append('.');
            } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.') {
                name.append(c);
            } else {
                name.append('_');
            }
        }
        return name.toString();
    }

    private String uniqueSuiteName(String transcriptName) {
        String base = suiteName(transcriptName);
        String name = base;
        for (int n = 2; !suitesWritten.add(name); n++) {
            name = base + "-" + n;
        }
        return name;
    }

    private static void openSuite(StringBuilder xml, String suite, long nanos, int failures, int errors, int tests) {
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<testsuite xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:noNamespaceSchemaLocation=\"")
                .append(SCHEMA).append("\" version=\"3.0.2\" name=\"").append(Markup.escapeAttribute(suite))
                .append("\" time=\"").append(seconds(nanos)).append("\" tests=\"").append(tests)
                .append("\" errors=\"").append(errors).append("\" skipped=\"0\" failures=\"").append(failures).append("\">\n");
    }

    private static void property(StringBuilder xml, String name, String value) {
        xml.append("    <property name=\"").append(Markup.escapeAttribute(name)).append("\" value=\"")
                .append(Markup.escapeAttribute(value)).append("\"/>\n");
    }

    private static void problem(StringBuilder xml, String element, String type, String message, String body) {
        xml.append("    <").append(element).append(" message=\"").append(Markup.escapeAttribute(message))
                .append("\" type=\"").append(type).append("\">").append(Markup.escape(body))
                .append("</").append(element).append(">\n");
    }

    private static String firstProblem(TranscriptResult result) {
        if (!result.errors().isEmpty()) {
            return result.errors().get(0).toString();
        }
        if (!result.mismatches().isEmpty()) {
            return result.mismatches().get(0).toString();
        }
        return result.name() + ": " + result.status().wireName();
    }

    private static String allProblems(TranscriptResult result) {
        StringBuilder body = new StringBuilder();
        for (Diagnostic error : result.errors()) {
            body.append(error).append('\n');
        }
        if (result.errorCount() > result.errors().size()) {
            body.append(result.errorCount() - result.errors().size()).append(" more errors not listed\n");
        }
        for (Mismatch mismatch : result.mismatches()) {
            body.append(mismatch).append('\n');
        }
        if (result.mismatchCount() > result.mismatches().size()) {
            body.append(result.mismatchCount() - result.mismatches().size()).append(" more mismatches not listed\n");
        }
        return body.toString();
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e9);
    }

    private void write(String suite, StringBuilder xml) {
        ReportFiles.write(directory.resolve("TEST-" + suite + ".xml"), xml, "the JUnit XML report of " + suite);
    }
}
