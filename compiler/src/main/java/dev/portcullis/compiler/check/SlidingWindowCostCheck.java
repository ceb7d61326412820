package dev.portcullis.compiler.check;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import dev.portcullis.compiler.ir.CounterDefinition;
import dev.portcullis.compiler.ir.Policy;
import dev.portcullis.runtime.counter.Algorithm;
import dev.portcullis.runtime.counter.SlidingWindowCounter;
import java.util.function.Consumer;

/**
 * PC071: a sliding window larger than {@link SlidingWindowCounter#MAX_SLOTS} per window. Exactness
 * then costs a log per key under a short lock ({@code SlidingLogCounter}) instead of the lock-free
 * slots; the policy works, but its author should choose that knowingly.
 */
public final class SlidingWindowCostCheck implements PolicyCheck {

    @Override
    public void check(Policy policy, CheckContext context, Consumer<Diagnostic> report) {
        for (CounterDefinition counter : policy.counters().values()) {
            if (counter.algorithm() == Algorithm.SLIDING && counter.max() > SlidingWindowCounter.MAX_SLOTS) {
                long entries = Math.min(counter.max(), counter.windowMillis());
                report.accept(Diagnostic.of(DiagnosticCode.SLIDING_WINDOW_UNDER_LOCK, counter.position(), counter.name(),
                        counter.max(), SlidingWindowCounter.MAX_SLOTS, entries));
            }
        }
    }
}
