package dev.portcullis.compiler.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.compiler.PolicyCompiler;
import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import dev.portcullis.compiler.diagnostic.DiagnosticFixtures;
import dev.portcullis.compiler.testing.JsonWithPositions;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden tests of the IR builder and checks, run by the project's {@link DiagnosticFixtures}: each
 * fixture under {@code src/test/resources/check-fixtures/} marks the lines that must get a diagnostic
 * with {@code // EXPECT PC0xx} or {@code # EXPECT PC0xx}. JSON fixtures are canonical trees (comments
 * allowed) fed straight to the IR builder, so they reach what schema validation would stop first;
 * YAML fixtures are Intercept policies run through the whole pipeline. A fixture starting with
 * {@code TOOLS healthlake} is checked against the HealthLake {@code tools/list} from the shared
 * corpus, and skipped when the corpus is absent.
 */
class CheckFixturesTest {

    private static final String FOLDER = "check-fixtures";
    private static final Pattern MARKED_CODES = Pattern.compile("EXPECT((?:\\s+PC\\d{3})+)");

    @TestFactory
    Stream<DynamicTest> fixturesGetExactlyTheExpectedDiagnostics() {
        return DiagnosticFixtures.run(FOLDER, CheckFixturesTest::diagnose);
    }

    private static List<Diagnostic> diagnose(String name, byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        PolicyCompiler compiler = PolicyCompiler.standard();
        if (text.startsWith("// TOOLS healthlake") || text.startsWith("# TOOLS healthlake")) {
            Path toolsList = sharedCorpus().resolve("healthlake-tools-list.json");
            Assumptions.assumeTrue(Files.exists(toolsList), "shared corpus not found: " + toolsList);
            compiler = compiler.withToolsList(toolsList);
        }
        if (name.endsWith(".yaml")) {
            return compiler.load(name, content).diagnostics();
        }
        JsonWithPositions.Parsed parsed = JsonWithPositions.read(name, text);
        return compiler.compile(parsed.tree(), parsed.sourceMap(), name).diagnostics();
    }

    static Path sharedCorpus() {
        return Path.of(System.getProperty("portcullis.shared.dir", "../shared")).resolve("corpus");
    }

    @Test
    void everyCodeOfTheRangeHasAFixture() throws IOException, URISyntaxException {
        Path folder = Path.of(Objects.requireNonNull(CheckFixturesTest.class.getResource("/" + FOLDER)).toURI());
        Set<String> covered = new TreeSet<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Matcher marker = MARKED_CODES.matcher(Files.readString(file));
                while (marker.find()) {
                    covered.addAll(List.of(marker.group(1).trim().split("\\s+")));
                }
            }
        }
        Set<String> range = Stream.of(DiagnosticCode.values())
                .map(DiagnosticCode::id)
                .filter(id -> id.compareTo("PC050") >= 0 && id.compareTo("PC099") <= 0)
                .filter(id -> !id.equals(DiagnosticCode.INVALID_TOOLS_LIST.id()))
                .collect(Collectors.toCollection(TreeSet::new));
        range.add(DiagnosticCode.INVALID_REGEX.id());
        assertThat(covered).containsAll(range);
    }
}
