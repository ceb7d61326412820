package dev.portcullis.compiler.check;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import dev.portcullis.compiler.ir.Operator;
import dev.portcullis.compiler.ir.Policy;
import dev.portcullis.compiler.ir.ToolEntry;
import dev.portcullis.compiler.ir.Value;
import dev.portcullis.compiler.schema.RegexSyntax;
import java.util.function.Consumer;

/**
 * PC023 over the IR: every {@code regex} must be a usable RE2J pattern (no lookaround or
 * backreferences, not too large once counted repetitions are expanded). Schema validation reports the
 * same code for documents that pass through it; this check covers an IR built from a tree that did not
 * (the interpreter refuses such a policy), with the one definition of what is usable.
 */
public final class RegexSyntaxCheck implements PolicyCheck {

    @Override
    public void check(Policy policy, CheckContext context, Consumer<Diagnostic> report) {
        for (ToolEntry entry : policy.entries()) {
            Conditions.comparisons(entry)
                    .filter(comparison -> comparison.operator() == Operator.REGEX)
                    .forEach(comparison -> {
                        String pattern = ((Value.StringValue) comparison.value()).value();
                        RegexSyntax.problemWith(pattern).ifPresent(problem -> report.accept(
                                Diagnostic.of(DiagnosticCode.INVALID_REGEX, comparison.position(), pattern, problem)));
                    });
        }
    }
}
