package dev.portcullis.compiler.check;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.ir.Policy;
import java.util.function.Consumer;

/**
 * One static check over the IR, with one job and its own diagnostic code (as cel-java's AST
 * validators). Checks never throw on a well-formed IR and never stop at the first finding.
 */
public interface PolicyCheck {

    void check(Policy policy, CheckContext context, Consumer<Diagnostic> report);
}
