package dev.portcullis.compiler.ir;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A dot path into a call's arguments, split once so evaluation walks nested maps by index without
 * allocating. {@code args.metadata.key} has the segments {@code [metadata, key]}. Segments are never
 * empty and never contain a dot; list elements cannot be addressed (as in Intercept).
 */
public record ArgPath(List<String> segments) implements ValuePath {

    public static final String PREFIX = "args.";

    public ArgPath {
        segments = List.copyOf(segments);
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("an argument path needs at least one segment");
        }
        for (String segment : segments) {
            if (segment.isEmpty() || segment.indexOf('.') >= 0) {
                throw new IllegalArgumentException("invalid argument path segment '" + segment + "'");
            }
        }
    }

    public static ArgPath of(String... segments) {
        return new ArgPath(List.of(segments));
    }

    /** Parses {@code args.a.b}; empty when the text is not a well-formed argument path. */
    public static Optional<ArgPath> parse(String text) {
        Objects.requireNonNull(text, "text");
        if (!text.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = text.substring(PREFIX.length()).split("\\.", -1);
        for (String part : parts) {
            if (part.isEmpty()) {
                return Optional.empty();
            }
        }
        return Optional.of(new ArgPath(List.of(parts)));
    }

    @Override
    public String text() {
        return PREFIX + String.join(".", segments);
    }

    @Override
    public String toString() {
        return text();
    }
}
