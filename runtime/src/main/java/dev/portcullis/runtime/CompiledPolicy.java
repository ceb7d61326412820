package dev.portcullis.runtime;

/**
 * A policy ready to decide calls: produced by the interpreter, by the bytecode compiler, or loaded
 * precompiled by {@code PolicyLoader}. Implementations are thread-safe; counters live inside the
 * policy (in its {@link dev.portcullis.runtime.counter.CounterStore}).
 *
 * <p>Implementations never throw from {@link #decide} or {@link #reserve}: when evaluation itself
 * fails the decision is {@link Decision#evaluationFailed DENY}, so a broken policy fails closed.
 */
public interface CompiledPolicy {

    /** The policy's name, from its source file. */
    String name();

    /**
     * Whether {@code tools/list} must leave this tool out. A hidden tool is also denied at call time.
     */
    boolean isHidden(String tool);

    /**
     * Decides a call and, when it is allowed, holds the quota it needs from every applicable limit:
     * either all of them have room and all are charged, or the call is denied and none is charged.
     */
    Reservation reserve(ToolCall call);

    /** Decides a call and counts it at once: {@code reserve} followed by {@code commit}. */
    default Decision decide(ToolCall call) {
        Reservation reservation = reserve(call);
        reservation.commit();
        return reservation.decision();
    }
}
