package dev.portcullis.testkit.report;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.testkit.coverage.CoverageEntry;
import dev.portcullis.testkit.coverage.CoverageReport;
import dev.portcullis.testkit.replay.CallOutcome;
import dev.portcullis.testkit.replay.Mismatch;
import dev.portcullis.testkit.replay.ReplayListener;
import dev.portcullis.testkit.replay.RunResult;
import dev.portcullis.testkit.replay.TranscriptResult;
import dev.portcullis.testkit.replay.TranscriptStart;
import dev.portcullis.testkit.replay.TranscriptStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A static HTML page ({@code portcullis-report.html}) for people: the summary, a table of transcripts,
 * every failure and error, coverage per policy, and for each counter that an allowed call was charged
 * against, or that denied a call, in a transcript a timeline of calls against its cap ({@link CounterTimeline}). One self-contained file: inline CSS, inline
 * SVG, no scripts, every text from transcripts and policies escaped.
 */
public final class HtmlReporter implements ReplayListener {

    /** Calls kept per transcript for its timelines; a longer transcript's timelines show its first calls. */
    public static final int MAX_TIMELINE_POINTS = 2_000;
    private static final int MAX_LISTED_PROBLEMS = 200;

    private final Path file;
    private final List<CounterTimeline.Point> points = new ArrayList<>();
    private boolean truncated;
    private final List<String> timelines = new ArrayList<>();

    public HtmlReporter(Path file) {
        this.file = file;
    }

    @Override
    public void transcriptStarted(TranscriptStart start) {
        points.clear();
        truncated = false;
    }

    @Override
    public void callDecided(CallOutcome outcome) {
        if (points.size() < MAX_TIMELINE_POINTS) {
            // a Decision names no counter when it allows, so what the call took comes from the policy's limits
            long[] charged = new long[outcome.limits().size()];
            if (outcome.decision().isAllowed()) {
                for (int i = 0; i < charged.length; i++) {
                    charged[i] = outcome.limits().get(i).amount(outcome.call().arguments());
                }
            }
            points.add(new CounterTimeline.Point(outcome.line(), outcome.call().timeMillis(), outcome.call().tool(),
                    outcome.decision().effect(), outcome.decision().ruleId(), outcome.decision().reason(),
                    outcome.decision().rateLimit(), outcome.limits(), charged));
        } else {
            truncated = true;
        }
    }

    /** Timelines are drawn as each transcript ends, so only one transcript's calls are ever held. */
    @Override
    public void transcriptFinished(TranscriptResult result) {
        Set<String> counters = new LinkedHashSet<>();
        for (CounterTimeline.Point point : points) {
            for (int i = 0; i < point.limits().size(); i++) {
                if (point.charged()[i] > 0) {
                    counters.add(point.limits().get(i).counter());
                }
            }
            if (point.limit() != null) {
                counters.add(point.limit().counter());
            }
        }
        StringBuilder html = new StringBuilder();
        for (String counter : counters) {
            CounterTimeline.render(counter, points).ifPresent(svg -> html.append("<figure><figcaption>Counter <code>")
                    .append(Markup.escape(counter)).append("</code>")
                    .append(truncated ? " (first " + MAX_TIMELINE_POINTS + " calls)" : "")
                    .append(": <span class=\"legend-allowed\">&#9679; allowed</span> <span class=\"legend-denied\">&#10005; denied by the counter</span>"
                            + " <span class=\"legend-other\">&#9632; other decision</span>, line: what allowed calls took from it in the preceding window</figcaption>\n")
                    .append(svg).append("</figure>\n"));
        }
        timelines.add(html.toString());
        points.clear();
    }

    @Override
    public void runFinished(RunResult run) {
        ReportFiles.write(file, page(run), "the HTML report");
    }

    private String page(RunResult run) {
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<title>Portcullis transcript report</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        html.append("<h1>Portcullis transcript report</h1>\n");
        html.append("<p class=\"summary ").append(run.successful() ? "passed" : "failed").append("\">")
                .append(Markup.escape(run.summary())).append(String.format(Locale.ROOT, ", calls decided: %,d", run.calls()))
                .append("</p>\n");
        transcriptTable(html, run);
        for (int i = 0; i < run.transcripts().size(); i++) {
            transcriptSection(html, run.transcripts().get(i), i, i < timelines.size() ? timelines.get(i) : "");
        }
        coverage(html, run);
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    private static void transcriptTable(StringBuilder html, RunResult run) {
        html.append("<table>\n<thead><tr><th>Transcript</th><th>Policy</th><th>Status</th><th>Calls</th><th>Allowed</th>"
                + "<th>Denied</th><th>Approval</th><th>Mismatches</th><th>Errors</th></tr></thead>\n<tbody>\n");
        for (int i = 0; i < run.transcripts().size(); i++) {
            TranscriptResult result = run.transcripts().get(i);
            html.append("<tr><td><a href=\"#t").append(i).append("\">").append(Markup.escape(result.name())).append("</a></td><td>")
                    .append(Markup.escape(result.policy() == null ? "-" : result.policy())).append("</td><td class=\"")
                    .append(result.status().wireName()).append("\">").append(result.status().wireName()).append("</td>");
            cell(html, result.counts().calls());
            cell(html, result.counts().allowed());
            cell(html, result.counts().denied());
            cell(html, result.counts().approvalRequired());
            cell(html, result.mismatchCount());
            cell(html, result.errorCount());
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    private static void transcriptSection(StringBuilder html, TranscriptResult result, int index, String timelineHtml) {
        html.append("<section id=\"t").append(index).append("\">\n<h2>").append(Markup.escape(result.title()))
                .append(" <small>").append(Markup.escape(result.name())).append("</small> <span class=\"")
                .append(result.status().wireName()).append("\">").append(result.status().wireName()).append("</span></h2>\n");
        if (result.header().description() != null) {
            html.append("<p>").append(Markup.escape(result.header().description())).append("</p>\n");
        }
        if (result.status() != TranscriptStatus.PASSED) {
            html.append("<ul class=\"problems\">\n");
            int listed = 0;
            for (Diagnostic error : result.errors()) {
                if (listed++ < MAX_LISTED_PROBLEMS) {
                    html.append("<li class=\"error\"><code>").append(Markup.escape(error.toString())).append("</code></li>\n");
                }
            }
            for (Mismatch mismatch : result.mismatches()) {
                if (listed++ < MAX_LISTED_PROBLEMS) {
                    html.append("<li class=\"failed\"><code>").append(Markup.escape(mismatch.location())).append("</code> <b>")
                            .append(Markup.escape(mismatch.tool())).append("</b> ").append(Markup.escape(mismatch.message())).append("</li>\n");
                }
            }
            long unlisted = result.errorCount() + result.mismatchCount() - Math.min(listed, MAX_LISTED_PROBLEMS);
            if (unlisted > 0) {
                html.append("<li>").append(unlisted).append(" more not listed</li>\n");
            }
            html.append("</ul>\n");
        }
        html.append(timelineHtml).append("</section>\n");
    }

    private static void coverage(StringBuilder html, RunResult run) {
        html.append("<h2>Coverage</h2>\n");
        for (CoverageReport coverage : run.coverage()) {
            html.append("<h3>").append(Markup.escape(coverage.summary())).append("</h3>\n");
            html.append("<table>\n<thead><tr><th>Item</th><th>Kind</th><th>Description</th><th>Decisions</th><th>Charged</th>"
                    + "<th>Exercised</th></tr></thead>\n<tbody>\n");
            for (CoverageEntry entry : coverage.entries()) {
                html.append("<tr><td><code>").append(Markup.escape(entry.item().id())).append("</code></td><td>")
                        .append(entry.item().kind().wireName()).append("</td><td>").append(Markup.escape(entry.item().description()))
                        .append("</td>");
                cell(html, entry.decisions());
                cell(html, entry.charged());
                html.append(entry.exercised() ? "<td class=\"passed\">yes</td>" : "<td class=\"failed\">never</td>").append("</tr>\n");
            }
            html.append("</tbody>\n</table>\n");
        }
    }

    private static void cell(StringBuilder html, long value) {
        html.append("<td class=\"number\">").append(String.format(Locale.ROOT, "%,d", value)).append("</td>");
    }

    private static final String STYLE = """
            body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
            table { border-collapse: collapse; margin: 1em 0; }
            th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; }
            td.number { text-align: right; font-variant-numeric: tabular-nums; }
            .passed { color: #1a7f37; } .failed { color: #cf222e; } .error { color: #9a6700; }
            .summary { font-size: 1.2em; font-weight: bold; }
            h2 small { font-weight: normal; color: #666; }
            ul.problems code { background: #f6f8fa; }
            svg.timeline { background: #fff; border: 1px solid #ddd; }
            svg .axis { stroke: #888; } svg .tick { font-size: 10px; fill: #555; text-anchor: middle; }
            svg .cap { stroke: #cf222e; stroke-dasharray: 6 4; } svg .cap-label { font-size: 11px; fill: #cf222e; text-anchor: end; }
            svg .usage { fill: none; stroke: #0969da; stroke-width: 1.5; }
            svg .allowed { fill: #1a7f37; } svg .denied path { stroke: #cf222e; stroke-width: 2; } svg .other { fill: #888; }
            .legend-allowed { color: #1a7f37; } .legend-denied { color: #cf222e; } .legend-other { color: #888; }
            """;
}
