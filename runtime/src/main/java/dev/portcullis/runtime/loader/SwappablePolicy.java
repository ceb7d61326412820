package dev.portcullis.runtime.loader;

import dev.portcullis.runtime.CompiledPolicy;
import dev.portcullis.runtime.Decision;
import dev.portcullis.runtime.Reservation;
import dev.portcullis.runtime.ToolCall;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A policy that a gateway can replace while serving: each call is decided wholly by the policy current
 * when it started, and {@link #swap} takes effect atomically for the calls after it. Load the versions
 * with one {@link RetainingCounterStore} so that counters whose definition did not change keep their
 * counts across the swap.
 */
public final class SwappablePolicy implements CompiledPolicy {

    private final AtomicReference<CompiledPolicy> current;

    public SwappablePolicy(CompiledPolicy initial) {
        current = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
    }

    /** Makes {@code next} decide every later call; returns the policy it replaces. */
    public CompiledPolicy swap(CompiledPolicy next) {
        return current.getAndSet(Objects.requireNonNull(next, "next"));
    }

    /** The policy deciding calls now. */
    public CompiledPolicy current() {
        return current.get();
    }

    @Override
    public String name() {
        return current.get().name();
    }

    @Override
    public boolean isHidden(String tool) {
        return current.get().isHidden(tool);
    }

    @Override
    public Reservation reserve(ToolCall call) {
        return current.get().reserve(call);
    }

    @Override
    public Decision decide(ToolCall call) {
        return current.get().decide(call);
    }
}
