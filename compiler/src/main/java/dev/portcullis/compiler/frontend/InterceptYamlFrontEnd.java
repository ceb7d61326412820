package dev.portcullis.compiler.frontend;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.schema.PolicySchemas;
import dev.portcullis.compiler.source.ReadLimits;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads Intercept YAML policies ({@code *.yaml}, {@code *.yml}), the format of PolicyLayer's
 * open-source Intercept proxy, and translates them to the canonical format.
 *
 * <p>Three passes, all of whose diagnostics are reported together: the YAML is parsed with
 * positions ({@link PositionedTreeReader}); its shape is validated against
 * {@code intercept-1.schema.json} (unknown fields with "did you mean", types, enum values such as
 * {@code op}, {@code action}, {@code window}, {@code default}, {@code version}); then Intercept's
 * cross-field rules are checked and the policy is translated ({@link InterceptTranslation}). A
 * document is produced only when no error was found.
 */
public final class InterceptYamlFrontEnd implements PolicyFrontEnd {

    private final PositionedTreeReader reader;

    public InterceptYamlFrontEnd() {
        this(ReadLimits.defaults());
    }

    public InterceptYamlFrontEnd(ReadLimits limits) {
        this.reader = new PositionedTreeReader(limits);
    }

    @Override
    public FrontEndResult read(String displayName, byte[] content) {
        PositionedTreeReader.Reading reading = reader.read(displayName, content, PositionedTreeReader.Syntax.YAML);
        if (reading.root().isEmpty()) {
            return FrontEndResult.failed(reading.diagnostics());
        }
        ObjectNode root = reading.root().get();
        List<Diagnostic> diagnostics = new ArrayList<>(reading.diagnostics());
        diagnostics.addAll(PolicySchemas.intercept().validate(root, reading.positions()));
        InterceptTranslation.Result translation = new InterceptTranslation(displayName, root, reading.positions()).translate();
        diagnostics.addAll(translation.diagnostics());
        boolean failed = diagnostics.stream().anyMatch(Diagnostic::isError);
        if (failed || translation.canonical().isEmpty()) {
            return FrontEndResult.failed(diagnostics);
        }
        return FrontEndResult.of(
                new CanonicalDocument(displayName, "yaml", translation.canonical().get(), translation.positions()),
                diagnostics);
    }
}
