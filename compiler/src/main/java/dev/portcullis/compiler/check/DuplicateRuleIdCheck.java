package dev.portcullis.compiler.check;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import dev.portcullis.compiler.ir.Policy;
import dev.portcullis.compiler.ir.Rule;
import dev.portcullis.compiler.ir.ToolEntry;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/** PC069: two rules of one entry with the same id (Intercept rule name) make decisions ambiguous. */
public final class DuplicateRuleIdCheck implements PolicyCheck {

    @Override
    public void check(Policy policy, CheckContext context, Consumer<Diagnostic> report) {
        for (ToolEntry entry : policy.entries()) {
            Set<String> seen = new HashSet<>();
            for (Rule rule : entry.rules()) {
                if (!seen.add(rule.id())) {
                    report.accept(Diagnostic.of(DiagnosticCode.DUPLICATE_RULE_ID, rule.position(), rule.id(), entry.id()));
                }
            }
        }
    }
}
