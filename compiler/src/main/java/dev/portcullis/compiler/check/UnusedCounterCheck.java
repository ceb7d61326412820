package dev.portcullis.compiler.check;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import dev.portcullis.compiler.ir.CounterDefinition;
import dev.portcullis.compiler.ir.Policy;
import dev.portcullis.compiler.ir.StatePath;
import dev.portcullis.compiler.ir.ToolEntry;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/** PC066: a declared counter that no limit charges and no condition reads limits nothing. */
public final class UnusedCounterCheck implements PolicyCheck {

    @Override
    public void check(Policy policy, CheckContext context, Consumer<Diagnostic> report) {
        Set<String> used = new HashSet<>();
        for (ToolEntry entry : policy.entries()) {
            entry.limits().forEach(limit -> used.add(limit.id()));
            Conditions.comparisons(entry)
                    .filter(comparison -> comparison.path() instanceof StatePath)
                    .forEach(comparison -> used.add(((StatePath) comparison.path()).counter()));
        }
        for (CounterDefinition counter : policy.counters().values()) {
            if (!used.contains(counter.name())) {
                report.accept(Diagnostic.of(DiagnosticCode.UNUSED_COUNTER, counter.position(), counter.name()));
            }
        }
    }
}
