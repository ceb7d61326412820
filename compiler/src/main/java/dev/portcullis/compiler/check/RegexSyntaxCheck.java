package dev.portcullis.compiler.check;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import dev.portcullis.compiler.ir.Operator;
import dev.portcullis.compiler.ir.Policy;
import dev.portcullis.compiler.ir.ToolEntry;
import dev.portcullis.compiler.ir.Value;
import java.util.function.Consumer;

/**
 * PC051: every {@code regex} must compile under RE2J, which has no backreferences or lookaround and so
 * matches in linear time. A pattern Java accepts may still be refused here.
 */
public final class RegexSyntaxCheck implements PolicyCheck {

    @Override
    public void check(Policy policy, CheckContext context, Consumer<Diagnostic> report) {
        for (ToolEntry entry : policy.entries()) {
            Conditions.comparisons(entry)
                    .filter(comparison -> comparison.operator() == Operator.REGEX)
                    .forEach(comparison -> {
                        String pattern = ((Value.StringValue) comparison.value()).value();
                        try {
                            Pattern.compile(pattern);
                        } catch (PatternSyntaxException e) {
                            report.accept(Diagnostic.of(DiagnosticCode.INVALID_REGEX, comparison.position(), pattern,
                                    e.getDescription()));
                        }
                    });
        }
    }
}
