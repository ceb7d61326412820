package dev.portcullis.testkit.report;

import dev.portcullis.runtime.Effect;
import dev.portcullis.runtime.RateLimitDenial;
import dev.portcullis.testkit.coverage.CallLimit;
import dev.portcullis.testkit.replay.DecisionText;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An SVG picture of one counter in one transcript: the calls it limited along the time axis, how much
 * allowed calls took from it within the counter's window before each call, the cap, and the denials.
 * Plain SVG with {@code <title>} tooltips; no scripts.
 *
 * <p>The usage line adds up what allowed calls took from the counter in the trailing window (the policy's
 * amounts, {@code increment_from} included), for all callers together: it matches the counter exactly
 * for a sliding window with one caller whose calls all succeeded, and approximates fixed windows, token
 * buckets, per-caller scopes and charges given back when the upstream call failed. Denials are plotted at
 * the count the counter itself reported. When the policy's limits are unknown, each allowed call of a tool
 * the counter denied counts one.
 */
final class CounterTimeline {

    /**
     * One decided call, as much as the picture needs.
     *
     * @param limits  the limits the call's tool is charged against (empty when unknown)
     * @param charged what the call took from each of {@code limits} (zeros unless it was allowed)
     */
    record Point(int line, long timeMillis, String tool, Effect effect, String rule, String reason, RateLimitDenial limit,
                 List<CallLimit> limits, long[] charged) {

        boolean deniedBy(String counter) {
            return limit != null && limit.counter().equals(counter);
        }

        boolean subjectTo(String counter) {
            for (CallLimit callLimit : limits) {
                if (callLimit.counter().equals(counter)) {
                    return true;
                }
            }
            return false;
        }

        /** What the call took from the counter; with unknown limits, one for an allowed call. */
        long takenFrom(String counter) {
            if (limits.isEmpty()) {
                return effect == Effect.ALLOW ? 1 : 0;
            }
            long taken = 0;
            for (int i = 0; i < limits.size(); i++) {
                if (limits.get(i).counter().equals(counter)) {
                    taken += charged[i];
                }
            }
            return taken;
        }
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

    /**
     * The SVG for {@code counter}, drawn from the calls in {@code points} it limited; empty when its budget is
     * unknown (the policy's limits are not known and it denied no call).
     */
    static Optional<String> render(String counter, List<Point> points) {
        long max = 0;
        long window = 0;
        List<String> deniedTools = new ArrayList<>();
        for (Point point : points) {
            for (CallLimit callLimit : point.limits()) {
                if (max == 0 && callLimit.counter().equals(counter) && callLimit.budget().isPresent()) {
                    max = callLimit.budget().get().max();
                    window = callLimit.budget().get().windowMillis();
                }
            }
            if (point.deniedBy(counter)) {
                if (!deniedTools.contains(point.tool())) {
                    deniedTools.add(point.tool());
                }
                if (max == 0) {
                    max = point.limit().max();
                    window = point.limit().windowMillis();
                }
            }
        }
        if (max == 0) {
            return Optional.empty();
        }
        List<Point> plotted = new ArrayList<>();
        List<String> tools = new ArrayList<>();
        for (Point point : points) {
            if (point.subjectTo(counter) || point.deniedBy(counter) || point.limits().isEmpty() && deniedTools.contains(point.tool())) {
                plotted.add(point);
                if (!tools.contains(point.tool())) {
                    tools.add(point.tool());
                }
            }
        }
        long[] usage = trailingUsage(counter, plotted, window);
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
            mark(svg, counter, plotted.get(i), usage[i], max, start, end, top);
        }
        svg.append("</svg>\n");
        return Optional.of(svg.toString());
    }

    /** For each point, what allowed calls among the points took from the counter within the window ending at its time. */
    private static long[] trailingUsage(String counter, List<Point> points, long window) {
        long[] usage = new long[points.size()];
        int windowStart = 0;
        long takenInWindow = 0;
        for (int i = 0; i < points.size(); i++) {
            Point point = points.get(i);
            while (points.get(windowStart).timeMillis() <= point.timeMillis() - window) {
                takenInWindow -= points.get(windowStart).takenFrom(counter);
                windowStart++;
            }
            takenInWindow += point.takenFrom(counter);
            usage[i] = point.deniedBy(counter) ? point.limit().count() : takenInWindow;
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

    private static void mark(StringBuilder svg, String counter, Point point, long usage, long max, long start, long end, double top) {
        double x = x(point.timeMillis(), start, end);
        double y = y(usage, top);
        String tooltip = "line " + point.line() + " " + Instant.ofEpochMilli(point.timeMillis()) + " " + point.tool() + " "
                + point.effect() + " (" + point.rule() + "): " + point.reason() + " [" + usage + " of " + max + " used]";
        String title = "<title>" + Markup.escape(tooltip) + "</title>";
        if (point.deniedBy(counter)) {
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
