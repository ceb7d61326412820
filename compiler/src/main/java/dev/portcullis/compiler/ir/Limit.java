package dev.portcullis.compiler.ir;

import dev.portcullis.compiler.source.SourcePosition;
import java.util.Objects;
import java.util.Optional;

/**
 * A charge against a counter when a call is allowed. All limits of a call are charged all-or-nothing.
 *
 * @param counter       the counter's single definition in the policy ({@link Policy#counters()})
 * @param increment     how much a call takes when {@code incrementFrom} is empty (positive)
 * @param incrementFrom the argument whose value is the amount instead (a whole number {@code >= 0})
 * @param onDeny        the user's reason for a denial by this limit (its Intercept rule's {@code on_deny})
 * @param ruleId        the {@link Rule#id()} of the ordered rule that declares this limit; empty for a limit
 *                      of the entry itself. Decisions name the counter, not the rule: this is how tools such as
 *                      coverage know that a rule whose only check is its limit was exercised.
 */
public record Limit(CounterDefinition counter, long increment, Optional<ArgPath> incrementFrom,
                    Optional<String> onDeny, Optional<String> ruleId, SourcePosition position) {

    public Limit {
        Objects.requireNonNull(counter, "counter");
        Objects.requireNonNull(incrementFrom, "incrementFrom");
        Objects.requireNonNull(onDeny, "onDeny");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(position, "position");
        if (increment <= 0) {
            throw new IllegalArgumentException("counter '" + counter.name() + "': increment must be positive, was " + increment);
        }
    }

    /** A limit of an entry itself, declared by no rule. */
    public Limit(CounterDefinition counter, long increment, Optional<ArgPath> incrementFrom, Optional<String> onDeny,
                 SourcePosition position) {
        this(counter, increment, incrementFrom, onDeny, Optional.empty(), position);
    }

    /** The id a denial by this limit reports: the counter's name. */
    public String id() {
        return counter.name();
    }
}
