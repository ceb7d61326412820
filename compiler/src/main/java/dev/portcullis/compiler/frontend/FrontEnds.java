package dev.portcullis.compiler.frontend;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import dev.portcullis.compiler.source.SourcePosition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Picks the front end for a file by its extension. Immutable: {@link #with} returns a new registry,
 * so the DSL front end joins with {@code FrontEnds.standard().with("policy", new DslFrontEnd())}
 * without editing this class.
 *
 * <pre>{@code
 * FrontEndResult result = FrontEnds.standard().readAndValidate("policies/fhir.json", bytes);
 * if (result.hasErrors()) { result.diagnostics().forEach(System.err::println); }
 * }</pre>
 */
public final class FrontEnds {

    private final Map<String, PolicyFrontEnd> byExtension;
    private final CanonicalSchemaValidator validator;

    private FrontEnds(Map<String, PolicyFrontEnd> byExtension, CanonicalSchemaValidator validator) {
        this.byExtension = Map.copyOf(byExtension);
        this.validator = validator;
    }

    /** JSON ({@code .json}) and Intercept YAML ({@code .yaml}, {@code .yml}). */
    public static FrontEnds standard() {
        Map<String, PolicyFrontEnd> map = new LinkedHashMap<>();
        map.put("json", new PolicyLayerJsonFrontEnd());
        InterceptYamlFrontEnd yaml = new InterceptYamlFrontEnd();
        map.put("yaml", yaml);
        map.put("yml", yaml);
        return new FrontEnds(map, new CanonicalSchemaValidator());
    }

    /** The standard front end for {@code fileName}'s extension, if there is one. */
    public static Optional<PolicyFrontEnd> forFileName(String fileName) {
        return standard().frontEndFor(fileName);
    }

    /** A registry with {@code frontEnd} reading files ending in {@code .extension} (given without the dot). */
    public FrontEnds with(String extension, PolicyFrontEnd frontEnd) {
        Objects.requireNonNull(frontEnd, "frontEnd");
        Map<String, PolicyFrontEnd> map = new LinkedHashMap<>(byExtension);
        map.put(extension.toLowerCase(Locale.ROOT), frontEnd);
        return new FrontEnds(map, validator);
    }

    /** The front end registered for {@code fileName}'s extension (case-insensitive), if any. */
    public Optional<PolicyFrontEnd> frontEndFor(String fileName) {
        return Optional.ofNullable(byExtension.get(extensionOf(fileName)));
    }

    /** Reads {@code content} with the front end for {@code displayName}'s extension; an unknown extension is a diagnostic. */
    public FrontEndResult read(String displayName, byte[] content) {
        return frontEndFor(displayName)
                .map(frontEnd -> frontEnd.read(displayName, content))
                .orElseGet(() -> FrontEndResult.failed(List.of(Diagnostic.of(DiagnosticCode.UNKNOWN_FORMAT,
                        SourcePosition.ofFile(displayName), extensionOf(displayName)))));
    }

    /**
     * Reads {@code content} and, when a document came out, validates it against the canonical
     * schema: every diagnostic of both steps in one result.
     */
    public FrontEndResult readAndValidate(String displayName, byte[] content) {
        FrontEndResult result = read(displayName, content);
        return result.document()
                .map(doc -> result.withDiagnostics(validator.validate(doc)))
                .orElse(result);
    }

    private static String extensionOf(String fileName) {
        String name = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
