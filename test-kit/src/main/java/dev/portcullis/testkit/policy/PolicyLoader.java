package dev.portcullis.testkit.policy;

import dev.portcullis.compiler.CompilationResult;
import dev.portcullis.compiler.PolicyCompiler;
import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.dsl.DslFrontEnd;
import dev.portcullis.compiler.frontend.FrontEnds;
import dev.portcullis.compiler.ir.Policy;
import dev.portcullis.compiler.source.PolicyFileReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Reads policy files (PolicyLayer JSON, Intercept YAML, the {@code .policy} DSL), compiles and checks them
 * with the {@link PolicyCompiler}, and makes them replayable with an evaluator (the interpreter unless
 * told otherwise).
 *
 * <pre>{@code
 * PolicyLoadResult loaded = PolicyLoader.standard().load(Path.of("src/main/policies/healthlake.json"));
 * loaded.diagnostics().forEach(System.err::println);        // file:line:col: error PC0xx: ...
 * FilePolicy policy = loaded.policy().orElseThrow();
 * }</pre>
 */
public final class PolicyLoader {

    private final FrontEnds frontEnds;
    private final PolicyCompiler compiler;
    private final PolicyEvaluator evaluator;

    private PolicyLoader(FrontEnds frontEnds, PolicyCompiler compiler, PolicyEvaluator evaluator) {
        this.frontEnds = Objects.requireNonNull(frontEnds, "frontEnds");
        this.compiler = Objects.requireNonNull(compiler, "compiler");
        this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
    }

    /** JSON, YAML and {@code .policy} files, the standard checks, evaluated by the interpreter. */
    public static PolicyLoader standard() {
        FrontEnds frontEnds = FrontEnds.standard().with("policy", new DslFrontEnd());
        return new PolicyLoader(frontEnds, PolicyCompiler.standard().withFrontEnds(frontEnds), PolicyEvaluator.interpreter());
    }

    /** Reads formats with these front ends. */
    public PolicyLoader withFrontEnds(FrontEnds otherFrontEnds) {
        return new PolicyLoader(otherFrontEnds, compiler.withFrontEnds(otherFrontEnds), evaluator);
    }

    /**
     * Configures the compiler, for example {@code loader.withCompiler(c -> c.withToolsList(toolsList))};
     * the loader's front ends stay in place.
     */
    public PolicyLoader withCompiler(UnaryOperator<PolicyCompiler> configuration) {
        return new PolicyLoader(frontEnds, configuration.apply(compiler).withFrontEnds(frontEnds), evaluator);
    }

    /** Evaluates policies with {@code otherEvaluator} ({@link PolicyEvaluator#bytecode}) instead of the interpreter. */
    public PolicyLoader withEvaluator(PolicyEvaluator otherEvaluator) {
        return new PolicyLoader(frontEnds, compiler, otherEvaluator);
    }

    /** Reads a file, named in diagnostics as given. */
    public PolicyLoadResult load(Path file) {
        return load(file, file.toString().replace('\\', '/'));
    }

    /** Reads a file, named in diagnostics as {@code displayName}. */
    public PolicyLoadResult load(Path file, String displayName) {
        PolicyFileReader.Content content = PolicyFileReader.read(file, displayName);
        return content.bytes().map(bytes -> load(displayName, bytes))
                .orElseGet(() -> new PolicyLoadResult(displayName, Optional.empty(), List.of(content.problem().orElseThrow())));
    }

    /** Reads a policy's bytes; the display name's extension picks the format. */
    public PolicyLoadResult load(String displayName, byte[] content) {
        CompilationResult compiled = compiler.load(displayName, content);
        List<Diagnostic> diagnostics = new ArrayList<>(compiled.diagnostics());
        Optional<Policy> ir = compiled.policy();
        if (ir.isEmpty()) {
            return new PolicyLoadResult(displayName, Optional.empty(), diagnostics);
        }
        Optional<FilePolicy> policy = evaluator.prepare(ir.get(), diagnostics::add)
                .map(instances -> new FilePolicy(displayName, ir.get(), evaluator.name(), instances));
        return new PolicyLoadResult(displayName, policy, diagnostics);
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
}
