package dev.portcullis.compiler.ir;

/** What a comparison reads: a call argument or a counter's current count. */
public sealed interface ValuePath permits ArgPath, StatePath {

    /** The path as a policy writes it ({@code args.a.b}, {@code state.tool.counter}). */
    String text();

    /** Parses {@code args.} and {@code state.} paths; empty when the text is neither. */
    static java.util.Optional<ValuePath> parse(String text) {
        if (text.startsWith(ArgPath.PREFIX)) {
            return ArgPath.parse(text).map(ValuePath.class::cast);
        }
        return StatePath.parse(text).map(ValuePath.class::cast);
    }
}
