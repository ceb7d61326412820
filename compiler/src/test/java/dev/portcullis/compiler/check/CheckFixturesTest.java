package dev.portcullis.compiler.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.compiler.CompilationResult;
import dev.portcullis.compiler.PolicyCompiler;
import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import dev.portcullis.compiler.testing.JsonWithPositions;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden tests in Error Prone's style: each fixture under {@code src/test/resources/check-fixtures/}
 * marks the lines that must get a diagnostic with {@code // EXPECT PC0xx} or {@code # EXPECT PC0xx}
 * (several codes allowed). JSON fixtures are canonical trees (comments allowed) fed straight to the
 * IR builder, so they reach what schema validation would stop; YAML fixtures are Intercept policies
 * run through the whole pipeline;
 * every diagnostic must be expected and every expectation met. A fixture whose first lines say
 * {@code // TOOLS healthlake} is checked against the HealthLake {@code tools/list} from the shared
 * corpus, and skipped when the corpus is absent.
 */
class CheckFixturesTest {

    private static final java.util.regex.Pattern EXPECT =
            java.util.regex.Pattern.compile("(?://|#)\\s*EXPECT((?:\\s+PC\\d{3})+)");

    private static Path fixtures() throws URISyntaxException {
        return Path.of(Objects.requireNonNull(CheckFixturesTest.class.getResource("/check-fixtures")).toURI());
    }

    private static List<Path> fixtureFiles() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(fixtures())) {
            return files.filter(f -> f.toString().endsWith(".json") || f.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    /** {@code line: code} for every marker of a fixture. */
    static List<String> expectations(String text) {
        List<String> expected = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher matcher = EXPECT.matcher(lines[i]);
            if (matcher.find()) {
                for (String code : matcher.group(1).trim().split("\\s+")) {
                    expected.add((i + 1) + ": " + code);
                }
            }
        }
        return expected.stream().sorted().toList();
    }

    @TestFactory
    Stream<DynamicTest> fixturesGetExactlyTheExpectedDiagnostics() throws IOException, URISyntaxException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : fixtureFiles()) {
            tests.add(DynamicTest.dynamicTest(file.getFileName().toString(), () -> check(file)));
        }
        return tests.stream();
    }

    private static void check(Path file) throws IOException {
        String text = Files.readString(file);
        PolicyCompiler compiler = PolicyCompiler.standard();
        if (text.startsWith("// TOOLS healthlake") || text.startsWith("# TOOLS healthlake")) {
            Path toolsList = sharedCorpus().resolve("healthlake-tools-list.json");
            Assumptions.assumeTrue(Files.exists(toolsList), "shared corpus not found: " + toolsList);
            compiler = compiler.withToolsList(toolsList);
        }
        String name = file.getFileName().toString();
        CompilationResult result;
        if (name.endsWith(".yaml")) {
            result = compiler.load(name, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } else {
            JsonWithPositions.Parsed parsed = JsonWithPositions.read(name, text);
            result = compiler.compile(parsed.tree(), parsed.sourceMap(), name);
        }
        List<String> actual = result.diagnostics().stream()
                .map(d -> d.position().line() + ": " + d.code().id()).sorted().toList();
        assertThat(actual).as("diagnostics of %s:\n%s", name, result.diagnostics().stream()
                .map(Diagnostic::toString).collect(Collectors.joining("\n"))).isEqualTo(expectations(text));
        assertThat(result.diagnostics()).allSatisfy(d -> assertThat(d.position().file()).isEqualTo(name));
    }

    static Path sharedCorpus() {
        return Path.of(System.getProperty("portcullis.shared.dir", "../shared")).resolve("corpus");
    }

    @Test
    void everyCodeOfTheRangeHasAFixture() throws IOException, URISyntaxException {
        Set<String> covered = new TreeSet<>();
        for (Path file : fixtureFiles()) {
            expectations(Files.readString(file)).forEach(e -> covered.add(e.substring(e.indexOf("PC"))));
        }
        Set<String> range = Stream.of(DiagnosticCode.values())
                .map(DiagnosticCode::id)
                .filter(id -> id.compareTo("PC050") >= 0 && id.compareTo("PC099") <= 0)
                .filter(id -> !id.equals(DiagnosticCode.INVALID_TOOLS_LIST.id()))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(covered).containsAll(range);
    }

    @Test
    void markersAreRead() {
        assertThat(expectations("a\n{} // EXPECT PC055 PC060\n// EXPECT PC050")).containsExactly(
                "2: PC055", "2: PC060", "3: PC050");
    }
}
