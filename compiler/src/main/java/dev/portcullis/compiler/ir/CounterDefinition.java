package dev.portcullis.compiler.ir;

import dev.portcullis.compiler.source.SourcePosition;
import dev.portcullis.runtime.ToolCall;
import dev.portcullis.runtime.counter.Algorithm;
import dev.portcullis.runtime.counter.CounterSpec;
import dev.portcullis.runtime.counter.Scope;
import dev.portcullis.runtime.eval.ArgumentValues;
import dev.portcullis.runtime.eval.CounterKeys;
import java.util.Objects;
import java.util.Optional;

/**
 * One budget of a policy. Every limit naming the counter shares it, so it also fixes how calls are
 * keyed: by {@code scope} and, when given, by the value of the {@code per} argument.
 *
 * @param position where the counter was first defined (its declaration, or the first limit)
 */
public record CounterDefinition(String name, Algorithm algorithm, long max, long windowMillis, Scope scope,
                                Optional<ArgPath> per, SourcePosition position) {

    public CounterDefinition {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(per, "per");
        Objects.requireNonNull(position, "position");
        // validates name, max and window
        new CounterSpec(name, algorithm, max, windowMillis);
    }

    /**
     * The key under which this counter counts {@code call}: its scope's key, refined by the value of
     * the {@code per} argument when there is one ({@link CounterKeys}).
     */
    public String keyOf(ToolCall call) {
        String scopeKey = scope.keyOf(call);
        return per.isEmpty() ? scopeKey
                : CounterKeys.withPer(scopeKey, ArgumentValues.resolve(call.arguments(), per.get().segments()));
    }

    public CounterSpec spec() {
        return new CounterSpec(name, algorithm, max, windowMillis);
    }

    /** Whether both define the same budget, wherever they were written. */
    public boolean sameBudgetAs(CounterDefinition other) {
        return name.equals(other.name) && algorithm == other.algorithm && max == other.max
                && windowMillis == other.windowMillis && scope == other.scope && per.equals(other.per);
    }

    /** How messages name the window: {@code minute}, or {@code 90 s} for a window in seconds. */
    public String windowText() {
        return windowText(windowMillis);
    }

    public static String windowText(long windowMillis) {
        if (windowMillis == 1_000L) {
            return "second";
        } else if (windowMillis == 60_000L) {
            return "minute";
        } else if (windowMillis == 3_600_000L) {
            return "hour";
        } else if (windowMillis == 86_400_000L) {
            return "day";
        } else if (windowMillis % 1_000L == 0) {
            return windowMillis / 1_000L + " s";
        }
        return windowMillis + " ms";
    }

    /** The budget in words: {@code 10 per minute per grant}, {@code 60 per hour per session per args.repo}. */
    public String budgetText() {
        StringBuilder text = new StringBuilder().append(max).append(" per ").append(windowText());
        if (scope != Scope.GLOBAL) {
            text.append(" per ").append(scope.name().toLowerCase(java.util.Locale.ROOT));
        }
        per.ifPresent(path -> text.append(" per ").append(path.text()));
        return text.toString();
    }
}
