package dev.portcullis.compiler.schema;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Whether a policy regex is acceptable: it must compile under RE2J, the engine policies run on,
 * and must not be too large. RE2J compiles counted repetitions by copying, so
 * {@code (((a{1000}){1000}){1000})} would need a billion instructions and exhaust the heap; Go's
 * regexp (which Intercept uses) refuses such patterns as too large, and so does this check, before
 * RE2J sees them.
 */
public final class RegexSyntax {

    /** Upper bound on the estimated size of a compiled pattern, in RE2J instructions. */
    static final long MAX_PROGRAM_SIZE = 100_000;

    /** Deepest group nesting accepted; RE2J parses and compiles recursively and would overflow the stack. */
    static final int MAX_NESTING = 100;

    /** What the scan learns: the estimated program size and the deepest group nesting. */
    record Shape(long size, int depth) {
    }

    private RegexSyntax() {
    }

    /** What is wrong with {@code pattern}, or empty when it is a usable RE2 regex. */
    public static Optional<String> problemWith(String pattern) {
        Shape shape = shapeOf(pattern);
        if (shape.depth() > MAX_NESTING) {
            return Optional.of("groups nest more than " + MAX_NESTING + " deep");
        }
        if (shape.size() > MAX_PROGRAM_SIZE) {
            return Optional.of("the pattern is too large once its counted repetitions are expanded (limit "
                    + MAX_PROGRAM_SIZE + " instructions)");
        }
        try {
            Pattern.compile(pattern);
            return Optional.empty();
        } catch (PatternSyntaxException e) {
            return Optional.of(e.getDescription() + (e.getPattern().isEmpty() ? "" : ": `" + e.getPattern() + "`"));
        }
    }

    /**
     * Estimates the compiled size: atoms count 1, concatenation and alternation add, {@code {n,m}}
     * multiplies the preceding atom or group. Iterative, so deep nesting cannot overflow the stack;
     * stops once a limit is passed.
     */
    static Shape shapeOf(String pattern) {
        Deque<long[]> groups = new ArrayDeque<>();
        int depth = 0;
        // frame: [0] sum of finished alternatives, [1] current concatenation, [2] size of the last atom
        long[] frame = new long[3];
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i = skipEscape(pattern, i);
                frame = atom(frame, 1);
            } else if (c == '[') {
                i = skipClass(pattern, i);
                frame = atom(frame, 1);
            } else if (c == '(') {
                groups.push(frame);
                frame = new long[3];
                depth = Math.max(depth, groups.size());
                if (depth > MAX_NESTING) {
                    return new Shape(frame[0], depth);
                }
                i++;
            } else if (c == ')') {
                long size = frame[0] + frame[1];
                frame = groups.isEmpty() ? new long[3] : groups.pop();
                frame = atom(frame, size);
                i++;
            } else if (c == '|') {
                frame[0] = saturated(frame[0] + frame[1]);
                frame[1] = 0;
                frame[2] = 0;
                i++;
            } else if (c == '{' && repeatEnd(pattern, i) > 0) {
                int end = repeatEnd(pattern, i);
                long factor = repeatFactor(pattern.substring(i + 1, end));
                long repeated = saturated(frame[2] * factor);
                frame[1] = saturated(frame[1] - frame[2] + repeated);
                frame[2] = repeated;
                i = end + 1;
            } else {
                frame = atom(frame, 1);
                i++;
            }
            if (frame[0] + frame[1] > MAX_PROGRAM_SIZE) {
                return new Shape(MAX_PROGRAM_SIZE + 1, depth);
            }
        }
        long total = frame[0] + frame[1];
        while (!groups.isEmpty()) {
            long[] outer = groups.pop();
            total = saturated(outer[0] + outer[1] + total);
        }
        return new Shape(total, depth);
    }

    private static long[] atom(long[] frame, long size) {
        frame[1] = saturated(frame[1] + size);
        frame[2] = size;
        return frame;
    }

    private static long saturated(long value) {
        return Math.min(value, MAX_PROGRAM_SIZE + 1);
    }

    private static int skipEscape(String pattern, int at) {
        int next = at + 2;
        if (next < pattern.length() && pattern.charAt(next) == '{') {
            char kind = pattern.charAt(at + 1);
            if (kind == 'p' || kind == 'P' || kind == 'x') {
                int close = pattern.indexOf('}', next);
                return close < 0 ? pattern.length() : close + 1;
            }
        }
        return Math.min(next, pattern.length());
    }

    private static int skipClass(String pattern, int at) {
        int i = at + 1;
        if (i < pattern.length() && pattern.charAt(i) == '^') {
            i++;
        }
        if (i < pattern.length() && pattern.charAt(i) == ']') {
            i++;
        }
        while (i < pattern.length() && pattern.charAt(i) != ']') {
            if (pattern.charAt(i) == '\\') {
                i = skipEscape(pattern, i);
            } else if (pattern.startsWith("[:", i)) {
                int close = pattern.indexOf(":]", i + 2);
                i = close < 0 ? i + 1 : close + 2;
            } else {
                i++;
            }
        }
        return Math.min(i + 1, pattern.length());
    }

    /** The index of the {@code }} closing a well-formed {@code {n}}, {@code {n,}} or {@code {n,m}}, or -1. */
    private static int repeatEnd(String pattern, int open) {
        int i = open + 1;
        int digits = 0;
        while (i < pattern.length() && Character.isDigit(pattern.charAt(i))) {
            i++;
            digits++;
        }
        if (digits == 0 || i >= pattern.length()) {
            return -1;
        }
        if (pattern.charAt(i) == ',') {
            i++;
            while (i < pattern.length() && Character.isDigit(pattern.charAt(i))) {
                i++;
            }
        }
        return i < pattern.length() && pattern.charAt(i) == '}' ? i : -1;
    }

    private static long repeatFactor(String counts) {
        int comma = counts.indexOf(',');
        String min = comma < 0 ? counts : counts.substring(0, comma);
        String max = comma < 0 ? counts : counts.substring(comma + 1);
        long low = parseBounded(min);
        return max.isEmpty() ? saturated(low + 1) : Math.max(low, parseBounded(max));
    }

    private static long parseBounded(String digits) {
        if (digits.length() > 7) {
            return MAX_PROGRAM_SIZE + 1;
        }
        return Long.parseLong(digits);
    }
}
