package dev.portcullis.compiler.check;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import dev.portcullis.compiler.diagnostic.Suggestions;
import dev.portcullis.compiler.ir.Policy;
import dev.portcullis.compiler.ir.ToolEntry;
import dev.portcullis.compiler.source.SourcePosition;
import java.util.function.Consumer;

/**
 * PC058: with a tools list, every tool the policy names (entries and {@code hide}) must be one the
 * server offers; a misspelt name silently leaves the real tool to the default.
 */
public final class UnknownToolCheck implements PolicyCheck {

    @Override
    public void check(Policy policy, CheckContext context, Consumer<Diagnostic> report) {
        context.tools().ifPresent(catalog -> {
            for (ToolEntry entry : policy.tools().values()) {
                checkName(entry.key(), entry.position(), catalog, report);
            }
            policy.hiddenTools().forEach((tool, position) -> checkName(tool, position, catalog, report));
        });
    }

    private static void checkName(String tool, SourcePosition position, ToolCatalog catalog,
                                  Consumer<Diagnostic> report) {
        if (!catalog.contains(tool)) {
            report.accept(Diagnostic.of(DiagnosticCode.UNKNOWN_TOOL, position, tool,
                    Suggestions.didYouMean(tool, catalog.names())));
        }
    }
}
