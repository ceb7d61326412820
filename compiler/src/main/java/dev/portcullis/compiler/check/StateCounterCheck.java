package dev.portcullis.compiler.check;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import dev.portcullis.compiler.ir.Policy;
import dev.portcullis.compiler.ir.StatePath;
import dev.portcullis.compiler.ir.ToolEntry;
import java.util.function.Consumer;

/** PC053: a {@code state.<scope>.<counter>} path must name a counter a limit or declaration defines. */
public final class StateCounterCheck implements PolicyCheck {

    @Override
    public void check(Policy policy, CheckContext context, Consumer<Diagnostic> report) {
        for (ToolEntry entry : policy.entries()) {
            Conditions.comparisons(entry).forEach(comparison -> {
                if (comparison.path() instanceof StatePath state && !policy.counters().containsKey(state.counter())) {
                    report.accept(Diagnostic.of(DiagnosticCode.UNKNOWN_STATE_COUNTER, comparison.position(),
                            state.text(), state.counter()));
                }
            });
        }
    }
}
