package dev.portcullis.compiler.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.frontend.CanonicalDocument;
import dev.portcullis.compiler.frontend.CanonicalSchemaValidator;
import dev.portcullis.compiler.testing.Canonical;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Reading DSL text in tests: one file, or several through an in-memory include resolver. */
final class Dsl {

    static final String FILE = "test.policy";

    private Dsl() {
    }

    static DslReadResult read(String source) {
        return new DslFrontEnd(IncludeResolver.disabled()).parse(FILE, source.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads {@code files} (name to text) starting at {@code root}, includes resolved among them. */
    static DslReadResult read(Map<String, String> files, String root) {
        return new DslFrontEnd(IncludeResolver.inMemory(files))
                .parse(root, files.get(root).getBytes(StandardCharsets.UTF_8));
    }

    /** The canonical tree of {@code source}, which must read without diagnostics and pass the schema. */
    static JsonNode lower(String source) {
        DslReadResult result = read(source);
        return documentOf(result, source).tree();
    }

    static CanonicalDocument documentOf(DslReadResult result, String description) {
        assertThat(result.result().diagnostics()).as("diagnostics of %s%n%s", description, result.renderDiagnostics())
                .isEmpty();
        assertThat(result.result().document()).as("document of %s", description).isPresent();
        CanonicalDocument document = result.result().document().get();
        assertThat(new CanonicalSchemaValidator().validate(document)).as("schema problems of %n%s%n%s",
                description, document.tree().toPrettyString()).isEmpty();
        return document;
    }

    static JsonNode json(String json) {
        return Canonical.tree(json);
    }

    /** The rendered diagnostics of {@code source}, which must not produce a document. */
    static String errors(String source) {
        DslReadResult result = read(source);
        assertThat(result.result().document()).as("document of %s", source).isEmpty();
        return result.renderDiagnostics();
    }

    static List<String> codes(DslReadResult result) {
        return result.result().diagnostics().stream().map(Diagnostic::code).map(c -> c.id()).toList();
    }

    static List<String> messages(DslReadResult result) {
        return result.result().diagnostics().stream().map(Diagnostic::toString).toList();
    }
}
