package dev.portcullis.compiler.check;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import dev.portcullis.compiler.ir.ArgPath;
import dev.portcullis.compiler.ir.Limit;
import dev.portcullis.compiler.ir.Policy;
import dev.portcullis.compiler.ir.ToolEntry;
import dev.portcullis.compiler.source.SourcePosition;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * PC059: with a tools list, every argument path of an exact tool entry (conditions, {@code increment_from},
 * {@code per}) should exist in the tool's {@code inputSchema}. A warning: schemas are often loose, and
 * a path to a missing argument is legal (its conditions are simply false). Names a schema does not
 * close off ({@code additionalProperties}, {@code $ref}, combinators) are never reported.
 */
public final class UnknownArgumentCheck implements PolicyCheck {

    @Override
    public void check(Policy policy, CheckContext context, Consumer<Diagnostic> report) {
        context.tools().ifPresent(catalog -> {
            for (ToolEntry entry : policy.tools().values()) {
                String tool = entry.key();
                catalog.schemaOf(tool).ifPresent(schema -> {
                    Conditions.comparisons(entry).forEach(comparison -> {
                        if (comparison.path() instanceof ArgPath path) {
                            checkPath(tool, schema, path, comparison.position(), report);
                        }
                    });
                    for (Limit limit : entry.limits()) {
                        limit.incrementFrom().ifPresent(path -> checkPath(tool, schema, path, limit.position(), report));
                        limit.counter().per().ifPresent(path -> checkPath(tool, schema, path, limit.position(), report));
                    }
                });
            }
        });
    }

    private static void checkPath(String tool, ArgumentSchema schema, ArgPath path, SourcePosition position,
                                  Consumer<Diagnostic> report) {
        ArgumentSchema current = schema;
        StringBuilder walked = new StringBuilder("args");
        for (String segment : path.segments()) {
            Optional<ArgumentSchema> member = current.member(segment);
            if (member.isEmpty()) {
                String known = current.properties().isEmpty()
                        ? "nothing below " + walked
                        : "properties " + String.join(", ", current.properties().keySet())
                                + (walked.length() > 4 ? " below " + walked : "");
                report.accept(Diagnostic.of(DiagnosticCode.UNKNOWN_ARGUMENT, position, path.text(), tool, known));
                return;
            }
            current = member.get();
            walked.append('.').append(segment);
        }
    }
}
