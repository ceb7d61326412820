package dev.portcullis.runtime.counter;

/**
 * Where a policy's counters live. The in-memory store is the default; a shared store (for example
 * Redis, for a fleet of gateways) implements this interface without any change to policy code.
 */
public interface CounterStore {

    /**
     * The counter for this definition. Asking twice for the same name returns the same budget.
     *
     * @throws IllegalArgumentException when a counter of that name exists with another definition
     */
    RateCounter counter(CounterSpec spec);
}
