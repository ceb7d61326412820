package dev.portcullis.testkit.policy;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import dev.portcullis.compiler.frontend.CanonicalDocument;
import dev.portcullis.compiler.frontend.FrontEndResult;
import dev.portcullis.compiler.frontend.FrontEnds;
import dev.portcullis.compiler.ir.BuildResult;
import dev.portcullis.compiler.ir.IrBuilder;
import dev.portcullis.compiler.source.SourcePosition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads policy files (PolicyLayer JSON, Intercept YAML, and any format registered with the front ends),
 * builds their IR and makes them replayable.
 *
 * <pre>{@code
 * PolicyLoadResult loaded = PolicyLoader.standard().load(Path.of("src/main/policies/healthlake.json"));
 * loaded.diagnostics().forEach(System.err::println);
 * FilePolicy policy = loaded.policy().orElseThrow();
 * }</pre>
 */
public final class PolicyLoader {

    private final FrontEnds frontEnds;
    private final PolicyEvaluator evaluator;

    private PolicyLoader(FrontEnds frontEnds, PolicyEvaluator evaluator) {
        this.frontEnds = Objects.requireNonNull(frontEnds, "frontEnds");
        this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
    }

    /** The standard front ends, evaluated by the interpreter. */
    public static PolicyLoader standard() {
        return new PolicyLoader(FrontEnds.standard(), PolicyEvaluator.INTERPRETER);
    }

    /** Reads formats with these front ends (for example with the DSL's added). */
    public PolicyLoader withFrontEnds(FrontEnds otherFrontEnds) {
        return new PolicyLoader(otherFrontEnds, evaluator);
    }

    /** Evaluates policies with {@code otherEvaluator} instead of the interpreter. */
    public PolicyLoader withEvaluator(PolicyEvaluator otherEvaluator) {
        return new PolicyLoader(frontEnds, otherEvaluator);
    }

    /** Reads a file, named in diagnostics as given. */
    public PolicyLoadResult load(Path file) {
        return load(file, file.toString().replace('\\', '/'));
    }

    /** Reads a file, named in diagnostics as {@code displayName}. */
    public PolicyLoadResult load(Path file, String displayName) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException unreadable) {
            return failed(displayName, Diagnostic.of(DiagnosticCode.UNREADABLE_FILE, SourcePosition.ofFile(displayName),
                    unreadable.getMessage() == null ? unreadable.getClass().getSimpleName() : unreadable.getMessage()));
        }
        return load(displayName, content);
    }

    /** Reads a policy's bytes; the display name's extension picks the format. */
    public PolicyLoadResult load(String displayName, byte[] content) {
        FrontEndResult read = frontEnds.readAndValidate(displayName, content);
        List<Diagnostic> diagnostics = new ArrayList<>(read.diagnostics());
        if (read.hasErrors() || read.document().isEmpty()) {
            return new PolicyLoadResult(displayName, Optional.empty(), diagnostics);
        }
        CanonicalDocument document = read.document().get();
        BuildResult built = IrBuilder.build(document.tree(), document.sourceMap(), FilePolicy.baseName(displayName));
        diagnostics.addAll(built.diagnostics());
        if (built.hasErrors()) {
            return new PolicyLoadResult(displayName, Optional.empty(), diagnostics);
        }
        FilePolicy policy = new FilePolicy(displayName, built.policy(), evaluator);
        try {
            // an evaluator refuses what it cannot run (a regex RE2 rejects): better now, once, than per transcript
            policy.newInstance();
        } catch (IllegalArgumentException unusable) {
            diagnostics.add(Diagnostic.of(DiagnosticCode.MALFORMED_CANONICAL_ELEMENT, SourcePosition.ofFile(displayName),
                    unusable.getMessage()));
            return new PolicyLoadResult(displayName, Optional.empty(), diagnostics);
        }
        return new PolicyLoadResult(displayName, Optional.of(policy), diagnostics);
    }

    /**
     * Every policy file under {@code directory} whose extension a front end reads, sorted by path; each is
     * named in diagnostics by its path as found under {@code directory}.
     */
    public List<PolicyLoadResult> loadAll(Path directory) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(file -> frontEnds.frontEndFor(file.getFileName().toString()).isPresent())
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
        }
        List<PolicyLoadResult> results = new ArrayList<>();
        for (Path file : files) {
            results.add(load(file));
        }
        return results;
    }

    private static PolicyLoadResult failed(String displayName, Diagnostic diagnostic) {
        return new PolicyLoadResult(displayName, Optional.empty(), List.of(diagnostic));
    }
}
