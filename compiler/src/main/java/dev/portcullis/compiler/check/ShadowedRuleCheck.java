package dev.portcullis.compiler.check;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import dev.portcullis.compiler.ir.EntryAction;
import dev.portcullis.compiler.ir.Limit;
import dev.portcullis.compiler.ir.Policy;
import dev.portcullis.compiler.ir.Rule;
import dev.portcullis.compiler.ir.ToolEntry;
import java.util.function.Consumer;

/**
 * PC055: within an entry, nothing after something that denies every call can ever decide: not the
 * rules after it, not the entry's limits. An entry with {@code action: deny} shadows all of its rules
 * and limits; so does a {@code deny} rule, a {@code deny_if} that always holds, or a {@code require}
 * that never does.
 */
public final class ShadowedRuleCheck implements PolicyCheck {

    @Override
    public void check(Policy policy, CheckContext context, Consumer<Diagnostic> report) {
        for (ToolEntry entry : policy.entries()) {
            String blocker = entry.action() == EntryAction.DENY ? entry.id() : null;
            for (Rule rule : entry.rules()) {
                if (blocker != null) {
                    report.accept(Diagnostic.of(DiagnosticCode.SHADOWED_RULE, rule.position(),
                            "rule '" + rule.id() + "'", blocker));
                } else if (Conditions.deniesEveryCall(rule)) {
                    blocker = rule.id();
                }
            }
            if (blocker != null) {
                for (Limit limit : entry.limits()) {
                    report.accept(Diagnostic.of(DiagnosticCode.SHADOWED_RULE, limit.position(),
                            "limit on counter '" + limit.id() + "'", blocker));
                }
            }
        }
    }
}
