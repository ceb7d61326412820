package dev.portcullis.testkit.report;

import dev.portcullis.runtime.Effect;
import dev.portcullis.runtime.RateLimitDenial;
import dev.portcullis.testkit.replay.DecisionText;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An SVG picture of one counter in one transcript: the calls of the tools it limited along the time axis,
 * how many of them were allowed within the counter's window before each call, the cap, and the denials.
 * Plain SVG with {@code <title>} tooltips; no scripts.
 *
 * <p>The usage line counts allowed calls of those tools in the trailing window, for all callers together:
 * it matches the counter exactly for a sliding window with one caller, and approximates fixed windows,
 * token buckets and per-caller scopes. Denials are plotted at the count the counter itself reported.
 */
final class CounterTimeline {

    /** One decided call, as much as the picture needs. */
    record Point(int line, long timeMillis, String tool, Effect effect, String rule, String reason, RateLimitDenial limit) {
    }

    private static final int WIDTH = 760;
    private static final int HEIGHT = 220;
    private static final int LEFT = 48;
    private static final int RIGHT = 16;
    private static final int TOP = 18;
    private static final int BOTTOM = 38;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private CounterTimeline() {
    }

    /** The SVG for {@code counter}, drawn from the calls in {@code points} to the tools it denied. */
    static String render(String counter, List<Point> points) {
        List<String> tools = new ArrayList<>();
        long max = 0;
        long window = 0;
        for (Point point : points) {
            if (point.limit() != null && point.limit().counter().equals(counter)) {
                if (!tools.contains(point.tool())) {
                    tools.add(point.tool());
                }
                max = point.limit().max();
                window = point.limit().windowMillis();
            }
        }
        List<Point> plotted = new ArrayList<>();
        for (Point point : points) {
            if (tools.contains(point.tool())) {
                plotted.add(point);
            }
        }
        long[] usage = trailingAllowed(plotted, window);
        long start = plotted.get(0).timeMillis();
        long end = Math.max(plotted.get(plotted.size() - 1).timeMillis(), start + 1000);
        double top = 1;
        for (int i = 0; i < plotted.size(); i++) {
            top = Math.max(top, usage[i]);
        }
        top = Math.max(top, max) * 1.15;

        StringBuilder svg = new StringBuilder(8192);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\" width=\"").append(WIDTH).append("\" height=\"")
                .append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"").append(Markup.escapeAttribute("timeline of counter " + counter)).append("\">\n");
        svg.append("<title>").append(Markup.escape("counter " + counter + ": " + max + " per " + DecisionText.window(window)
                + " (tools: " + String.join(", ", tools) + ")")).append("</title>\n");
        axes(svg, start, end, top);
        double capY = y(max, top);
        svg.append(String.format(Locale.ROOT, "<line class=\"cap\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>%n", LEFT, capY, WIDTH - RIGHT, capY));
        svg.append(String.format(Locale.ROOT, "<text class=\"cap-label\" x=\"%d\" y=\"%.1f\">max %d per %s</text>%n",
                WIDTH - RIGHT - 4, capY - 4, max, Markup.escape(DecisionText.window(window))));
        usageLine(svg, plotted, usage, start, end, top);
        for (int i = 0; i < plotted.size(); i++) {
            mark(svg, counter, plotted.get(i), usage[i], start, end, top);
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    /** For each point, the allowed calls among the points within the window ending at its time (itself included). */
    private static long[] trailingAllowed(List<Point> points, long window) {
        long[] usage = new long[points.size()];
        int windowStart = 0;
        long allowedInWindow = 0;
        for (int i = 0; i < points.size(); i++) {
            Point point = points.get(i);
            while (points.get(windowStart).timeMillis() <= point.timeMillis() - window) {
                if (points.get(windowStart).effect() == Effect.ALLOW) {
                    allowedInWindow--;
                }
                windowStart++;
            }
            if (point.effect() == Effect.ALLOW) {
                allowedInWindow++;
            }
            usage[i] = point.limit() != null ? point.limit().count() : allowedInWindow;
        }
        return usage;
    }

    private static void axes(StringBuilder svg, long start, long end, double top) {
        int bottom = HEIGHT - BOTTOM;
        svg.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>%n", LEFT, bottom, WIDTH - RIGHT, bottom));
        svg.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>%n", LEFT, TOP, LEFT, bottom));
        for (int tick = 0; tick <= 4; tick++) {
            long time = start + (end - start) * tick / 4;
            double x = x(time, start, end);
            svg.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%.1f\" y=\"%d\">%s</text>%n", x, bottom + 16,
                    CLOCK.format(Instant.ofEpochMilli(time))));
        }
        long topValue = (long) Math.floor(top);
        svg.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%d\" y=\"%.1f\">%d</text>%n", LEFT - 6, y(topValue, top) + 4, topValue));
        svg.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%d\" y=\"%d\">0</text>%n", LEFT - 6, bottom + 4));
    }

    private static void usageLine(StringBuilder svg, List<Point> plotted, long[] usage, long start, long end, double top) {
        svg.append("<polyline class=\"usage\" points=\"");
        for (int i = 0; i < plotted.size(); i++) {
            svg.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(plotted.get(i).timeMillis(), start, end), y(usage[i], top)));
        }
        svg.append("\"/>\n");
    }

    private static void mark(StringBuilder svg, String counter, Point point, long usage, long start, long end, double top) {
        double x = x(point.timeMillis(), start, end);
        double y = y(usage, top);
        String tooltip = "line " + point.line() + " " + Instant.ofEpochMilli(point.timeMillis()) + " " + point.tool() + " "
                + point.effect() + " (" + point.rule() + "): " + point.reason();
        String title = "<title>" + Markup.escape(tooltip) + "</title>";
        if (point.limit() != null && point.limit().counter().equals(counter)) {
            svg.append(String.format(Locale.ROOT, "<g class=\"denied\"><path d=\"M%.1f %.1fl8 8m0 -8l-8 8\"/>%s</g>%n", x - 4, y - 4, title));
        } else if (point.effect() == Effect.ALLOW) {
            svg.append(String.format(Locale.ROOT, "<circle class=\"allowed\" cx=\"%.1f\" cy=\"%.1f\" r=\"3\">%s</circle>%n", x, y, title));
        } else {
            svg.append(String.format(Locale.ROOT, "<rect class=\"other\" x=\"%.1f\" y=\"%.1f\" width=\"6\" height=\"6\">%s</rect>%n", x - 3, y - 3, title));
        }
    }

    private static double x(long time, long start, long end) {
        return LEFT + (WIDTH - LEFT - RIGHT) * (double) (time - start) / (end - start);
    }

    private static double y(double value, double top) {
        return TOP + (HEIGHT - TOP - BOTTOM) * (1 - value / top);
    }
}
