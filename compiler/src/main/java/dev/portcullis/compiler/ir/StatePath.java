package dev.portcullis.compiler.ir;

import java.util.Objects;
import java.util.Optional;

/**
 * Intercept's {@code state.<scope>.<counter>}: the current count of the counter named
 * {@code <scope>.<counter>} for the call's key, before the call is charged.
 *
 * @param counter the counter's name, e.g. {@code create_issue.hourly_count} or {@code _global.calls}
 */
public record StatePath(String counter) implements ValuePath {

    public static final String PREFIX = "state.";

    public StatePath {
        Objects.requireNonNull(counter, "counter");
        if (!isCounterReference(counter)) {
            throw new IllegalArgumentException("a state path names '<scope>.<counter>', got '" + counter + "'");
        }
    }

    /** Parses {@code state.<scope>.<counter>}; empty when the text is not such a path. */
    public static Optional<StatePath> parse(String text) {
        Objects.requireNonNull(text, "text");
        if (!text.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String counter = text.substring(PREFIX.length());
        return isCounterReference(counter) ? Optional.of(new StatePath(counter)) : Optional.empty();
    }

    private static boolean isCounterReference(String counter) {
        int dot = counter.indexOf('.');
        return dot > 0 && dot < counter.length() - 1;
    }

    @Override
    public String text() {
        return PREFIX + counter;
    }

    @Override
    public String toString() {
        return text();
    }
}
