package dev.portcullis.compiler.check;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import dev.portcullis.compiler.ir.Policy;
import dev.portcullis.compiler.ir.ToolEntry;
import java.util.function.Consumer;

/**
 * PC054: an entry for a hidden tool never applies, since hiding denies first; usually one of the two
 * is a mistake. With {@code hide: ["*"]} every tool entry is dead.
 */
public final class HiddenToolConfiguredCheck implements PolicyCheck {

    @Override
    public void check(Policy policy, CheckContext context, Consumer<Diagnostic> report) {
        for (ToolEntry entry : policy.tools().values()) {
            String tool = entry.key();
            if (policy.isHidden(tool)) {
                report.accept(Diagnostic.of(DiagnosticCode.HIDDEN_TOOL_CONFIGURED, entry.position(), tool));
            }
        }
        if (policy.hideAll()) {
            for (ToolEntry glob : policy.globs()) {
                report.accept(Diagnostic.of(DiagnosticCode.HIDDEN_TOOL_CONFIGURED, glob.position(),
                        glob.key()));
            }
        }
    }
}
