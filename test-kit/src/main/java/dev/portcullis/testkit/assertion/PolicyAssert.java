package dev.portcullis.testkit.assertion;

import dev.portcullis.runtime.CompiledPolicy;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One policy instance under test, with the day that times of day ({@code "10:00:11"}) refer to. The
 * day is 1970-01-01 unless {@link #onDay} says otherwise.
 */
public final class PolicyAssert {

    private final CompiledPolicy policy;
    private LocalDate day = LocalDate.EPOCH;

    PolicyAssert(CompiledPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** The day, {@code 2026-11-26}, that times given as {@code HH:MM:SS} fall on. */
    public PolicyAssert onDay(String isoDate) {
        this.day = LocalDate.parse(isoDate);
        return this;
    }

    /** A call of {@code tool} to describe, then decide with one of {@link CallAssert}'s assertions. */
    public CallAssert deciding(String tool) {
        return new CallAssert(policy, tool, day);
    }
}
