package dev.portcullis.runtime.eval;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Objects;

/**
 * A policy regex, compiled once, matched in linear time by RE2J (never {@code java.util.regex}, whose
 * backtracking a hostile pattern or argument can make exponential).
 *
 * <p>RE2J is shaded into the runtime jar under {@code dev.portcullis.runtime.internal.re2j}; this class
 * keeps its types out of every public signature, so code compiled against the runtime works with the
 * shaded jar and with the plain classes alike.
 */
public final class RegexMatcher {

    private final String regex;
    private final Pattern pattern;

    private RegexMatcher(String regex, Pattern pattern) {
        this.regex = regex;
        this.pattern = pattern;
    }

    /**
     * Compiles an RE2 regex.
     *
     * @throws IllegalArgumentException when the regex is not valid RE2 syntax; the message says why
     */
    public static RegexMatcher compile(String regex) {
        Objects.requireNonNull(regex, "regex");
        try {
            return new RegexMatcher(regex, Pattern.compile(regex));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** {@code regex}: an unanchored search in a string argument; other values never match. */
    public boolean find(Object actual) {
        return actual instanceof String s && pattern.matcher(s).find();
    }

    /** The regex as the policy wrote it. */
    public String regex() {
        return regex;
    }

    @Override
    public String toString() {
        return regex;
    }
}
