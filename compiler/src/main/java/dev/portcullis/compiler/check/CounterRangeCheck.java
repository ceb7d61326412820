package dev.portcullis.compiler.check;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import dev.portcullis.compiler.ir.CounterDefinition;
import dev.portcullis.compiler.ir.Policy;
import dev.portcullis.runtime.counter.Counters;
import java.util.function.Consumer;

/**
 * PC070: a counter the runtime cannot count exactly (a token bucket whose {@code max × window} is
 * beyond 64-bit arithmetic). Without this check such a policy would compile cleanly and then fail
 * when a gateway instantiates it.
 */
public final class CounterRangeCheck implements PolicyCheck {

    @Override
    public void check(Policy policy, CheckContext context, Consumer<Diagnostic> report) {
        for (CounterDefinition counter : policy.counters().values()) {
            Counters.unsupported(counter.spec()).ifPresent(problem ->
                    report.accept(Diagnostic.of(DiagnosticCode.COUNTER_OUT_OF_RANGE, counter.position(), problem)));
        }
    }
}
