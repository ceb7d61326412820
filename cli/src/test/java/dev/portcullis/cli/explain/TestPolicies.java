package dev.portcullis.cli.explain;

import dev.portcullis.compiler.CompilationResult;
import dev.portcullis.compiler.PolicyCompiler;
import dev.portcullis.compiler.dsl.DslFrontEnd;
import dev.portcullis.compiler.frontend.FrontEnds;
import dev.portcullis.compiler.ir.Policy;
import dev.portcullis.compiler.source.SourceMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;

/**
 * The policies the explainer is compared with the interpreter on: this module's fixtures, and when they are
 * there, the compiler's decision-table policies, the FHIR sample and the shared Intercept corpus.
 */
final class TestPolicies {

    private static final PolicyCompiler COMPILER = PolicyCompiler.standard()
            .withFrontEnds(FrontEnds.standard().with(DslFrontEnd.FORMAT, new DslFrontEnd()));

    private TestPolicies() {
    }

    /** A fixture of this module's {@code explainer/} resources, read as a user's file. */
    static Policy fixture(String name) {
        return load(resource(name));
    }

    /**
     * A canonical JSON fixture compiled without schema validation: the only way to reach IR elements the
     * schema does not admit, such as {@code state.} paths.
     */
    static Policy withoutSchema(String name) {
        Path file = resource(name);
        try {
            CompilationResult result = COMPILER.compile(JsonMapper.shared().readTree(Files.readString(file)),
                    new SourceMap(file.toString()), name);
            return result.policy().orElseThrow(() -> new IllegalStateException(name + ": " + result.errors()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Policy load(Path file) {
        CompilationResult result = COMPILER.load(file);
        return result.policy().orElseThrow(() -> new IllegalStateException(file + ": " + result.errors()));
    }

    /** This module's fixtures, made to reach every kind of step. */
    static List<Policy> fixtures() {
        return List.of(fixture("every-feature.json"), fixture("default-deny.yaml"), fixture("all-or-nothing.json"),
                withoutSchema("state-condition.json"));
    }

    /** The policies of the rest of the repository and of the shared corpus, when their folders exist. */
    static List<Policy> others() {
        List<Policy> policies = new ArrayList<>();
        Path project = Path.of("").toAbsolutePath().getParent();
        policies.addAll(loadAllUnder(project.resolve("compiler/src/test/resources/decision-tables"), "policy.json"));
        policies.addAll(loadAllUnder(project.resolve("samples"), ".json"));
        String shared = System.getProperty("portcullis.shared.dir");
        if (shared != null) {
            policies.addAll(loadAllUnder(Path.of(shared, "corpus", "intercept-policies"), ".yaml"));
        }
        return policies;
    }

    private static List<Policy> loadAllUnder(Path directory, String suffix) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(suffix))
                    .filter(file -> file.toString().contains("policies") || suffix.equals("policy.json")
                            || suffix.equals(".yaml"))
                    .sorted()
                    .map(COMPILER::load)
                    .filter(result -> result.policy().isPresent())
                    .map(result -> result.policy().get())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path resource(String name) {
        try {
            return Path.of(Objects.requireNonNull(TestPolicies.class.getResource("/explainer/" + name), name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
