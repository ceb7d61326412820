package dev.portcullis.compiler.diagnostic;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Golden tests in the style of Error Prone: fixture policies carry the diagnostics they must
 * produce, and this one helper runs them all. A new check needs a fixture, not a new test class.
 *
 * <h2>Writing expectations</h2>
 * <ul>
 *   <li><b>Inline</b>, in formats with comments (YAML, the DSL): put {@code # EXPECT PC021} (or
 *       {@code // EXPECT PC021}) at the end of the line the diagnostic must point at. Several codes:
 *       {@code # EXPECT PC016 PC017}.</li>
 *   <li><b>Sidecar</b>, for formats without comments (JSON) or diagnostics without a line: a file
 *       named like the fixture plus {@code .expect} ({@code bad-op.json.expect}), one expectation
 *       per line: {@code 12 PC017} (line 12), {@code 12:7 PC017} (line and column), or
 *       {@code 0 PC005} (the file as a whole). Lines starting with {@code #} are comments. When a
 *       sidecar exists, inline markers are ignored.</li>
 *   <li>A fixture without any expectation must produce no diagnostic at all, warnings included.</li>
 * </ul>
 * Diagnostics match expectations by code and line (and column when given), as a multiset: every
 * expected diagnostic must appear, and nothing else. Every diagnostic with a line must name the
 * fixture's display name (its path relative to the folder) as its file.
 *
 * <h2>Using it from another test</h2>
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> checks() {
 *     return DiagnosticFixtures.run("fixtures/checks", (name, bytes) -> myPipeline.diagnose(name, bytes));
 * }
 * }</pre>
 * The folder is a classpath resource folder (under {@code src/test/resources}); sub-folders are
 * included; each fixture becomes one dynamic test named by its relative path.
 */
public final class DiagnosticFixtures {

    private static final Pattern INLINE_MARKER = Pattern.compile("(?:#|//)\\s*EXPECT((?:\\s+PC\\d{3})+)");
    private static final Pattern CODE = Pattern.compile("PC\\d{3}");
    private static final Pattern SIDECAR_LINE = Pattern.compile("(\\d+)(?::(\\d+))?\\s+(PC\\d{3})");
    private static final String SIDECAR_SUFFIX = ".expect";

    /** What is being tested: from a file's display name and bytes to every diagnostic reported. */
    @FunctionalInterface
    public interface Compiler {
        List<Diagnostic> diagnose(String displayName, byte[] content);
    }

    /** One expected diagnostic; {@code column} 0 matches any column, {@code line} 0 the whole file. */
    record Expected(int line, int column, String code) {

        boolean matches(Diagnostic diagnostic) {
            return diagnostic.code().id().equals(code)
                    && diagnostic.position().line() == line
                    && (column == 0 || diagnostic.position().column() == column);
        }

        @Override
        public String toString() {
            return (column == 0 ? String.valueOf(line) : line + ":" + column) + " " + code;
        }
    }

    private DiagnosticFixtures() {
    }

    /** One dynamic test per fixture file under the classpath folder {@code resourceFolder}. */
    public static Stream<DynamicTest> run(String resourceFolder, Compiler compiler) {
        Path folder = resolve(resourceFolder);
        List<Path> fixtures;
        try (Stream<Path> files = Files.walk(folder)) {
            fixtures = files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().endsWith(SIDECAR_SUFFIX))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertFalse(fixtures.isEmpty(), "no fixtures in " + resourceFolder);
        return fixtures.stream().map(fixture -> {
            String displayName = folder.relativize(fixture).toString().replace('\\', '/');
            return DynamicTest.dynamicTest(displayName, fixture.toUri(), () -> check(fixture, displayName, compiler));
        });
    }

    private static void check(Path fixture, String displayName, Compiler compiler) throws IOException {
        byte[] content = Files.readAllBytes(fixture);
        List<Expected> expected = expectations(fixture, content);
        List<Diagnostic> actual = Objects.requireNonNull(compiler.diagnose(displayName, content), "diagnostics");
        List<Diagnostic> unexpected = new ArrayList<>(actual);
        List<Expected> missing = new ArrayList<>();
        for (Expected e : expected) {
            Iterator<Diagnostic> it = unexpected.iterator();
            boolean found = false;
            while (it.hasNext()) {
                if (e.matches(it.next())) {
                    it.remove();
                    found = true;
                    break;
                }
            }
            if (!found) {
                missing.add(e);
            }
        }
        List<Diagnostic> misnamed = actual.stream()
                .filter(d -> d.position().line() > 0 && !d.position().file().equals(displayName))
                .collect(Collectors.toList());
        if (!missing.isEmpty() || !unexpected.isEmpty() || !misnamed.isEmpty()) {
            fail(String.format("fixture %s%n  missing:    %s%n  unexpected: %s%n  wrong file: %s%n  all reported:%n%s",
                    displayName, missing, unexpected, misnamed,
                    actual.stream().map(d -> "    " + d).collect(Collectors.joining(System.lineSeparator()))));
        }
    }

    static List<Expected> expectations(Path fixture, byte[] content) throws IOException {
        Path sidecar = fixture.resolveSibling(fixture.getFileName() + SIDECAR_SUFFIX);
        List<Expected> expected = new ArrayList<>();
        if (Files.exists(sidecar)) {
            int number = 0;
            for (String line : Files.readAllLines(sidecar, StandardCharsets.UTF_8)) {
                number++;
                String text = line.strip();
                if (text.isEmpty() || text.startsWith("#")) {
                    continue;
                }
                Matcher m = SIDECAR_LINE.matcher(text);
                if (!m.matches()) {
                    fail(sidecar.getFileName() + ":" + number + ": expected '<line>[:<col>] PC0xx', found '" + text + "'");
                }
                expected.add(new Expected(Integer.parseInt(m.group(1)),
                        m.group(2) == null ? 0 : Integer.parseInt(m.group(2)), m.group(3)));
            }
            return expected;
        }
        String[] lines = new String(content, StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher marker = INLINE_MARKER.matcher(lines[i]);
            while (marker.find()) {
                Matcher code = CODE.matcher(marker.group(1));
                while (code.find()) {
                    expected.add(new Expected(i + 1, 0, code.group()));
                }
            }
        }
        return expected;
    }

    private static Path resolve(String resourceFolder) {
        URL url = DiagnosticFixtures.class.getClassLoader().getResource(resourceFolder);
        if (url == null) {
            throw new IllegalArgumentException("no classpath folder " + resourceFolder);
        }
        try {
            return Paths.get(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(resourceFolder, e);
        }
    }
}
