package dev.portcullis.testkit.coverage;

import dev.portcullis.runtime.ToolCall;
import dev.portcullis.runtime.counter.Scope;
import dev.portcullis.runtime.eval.ArgumentValues;
import dev.portcullis.runtime.eval.DecisionTexts;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Whose budget a counter charges a call to: its scope and, for a counter kept per argument value, that
 * argument's path. Reports use it to name the caller a rate limit refused.
 *
 * @param scope       the counter's scope
 * @param perPath     the {@code per} path as written ({@code args.datastore_id}), or {@code null}
 * @param perSegments its segments; empty when there is no {@code per}
 */
public record CallerKeying(Scope scope, String perPath, List<String> perSegments) {

    public CallerKeying {
        Objects.requireNonNull(scope, "scope");
        perSegments = List.copyOf(perSegments);
        if ((perPath == null) != perSegments.isEmpty()) {
            throw new IllegalArgumentException("a per path needs both its text and its segments");
        }
    }

    /** {@code grant=ci-runner}, {@code global}, {@code session=s-1, args.datastore_id="ds-1"}; values quoted when not plain. */
    public String describe(ToolCall call) {
        StringBuilder text = new StringBuilder(scope.name().toLowerCase(Locale.ROOT));
        if (scope != Scope.GLOBAL) {
            String key = scope.keyOf(call);
            text.append('=').append(key.isEmpty() ? "(none)" : plainOrQuoted(key));
        }
        if (perPath != null) {
            Object value = ArgumentValues.resolve(call.arguments(), perSegments);
            text.append(", ").append(perPath).append('=').append(value == null ? "(absent)" : DecisionTexts.show(value));
        }
        return text.toString();
    }

    /** Identities are usually plain words; anything else is quoted so that the text cannot mislead. */
    private static String plainOrQuoted(String key) {
        return key.length() <= 64 && key.chars().allMatch(c -> Character.isLetterOrDigit(c) || "-_.:@/".indexOf(c) >= 0)
                ? key : DecisionTexts.show(key);
    }
}
