package dev.portcullis.compiler.check;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import dev.portcullis.compiler.ir.Policy;
import dev.portcullis.compiler.ir.ToolEntry;
import java.util.function.Consumer;

/** PC067: with a tools list, a glob entry that matches none of the server's tools is dead. */
public final class UnmatchedGlobCheck implements PolicyCheck {

    @Override
    public void check(Policy policy, CheckContext context, Consumer<Diagnostic> report) {
        context.tools().ifPresent(catalog -> {
            for (ToolEntry glob : policy.globs()) {
                if (catalog.names().stream().noneMatch(glob.selector()::matches)) {
                    report.accept(Diagnostic.of(DiagnosticCode.GLOB_MATCHES_NO_TOOL, glob.position(),
                            glob.key()));
                }
            }
        });
    }
}
