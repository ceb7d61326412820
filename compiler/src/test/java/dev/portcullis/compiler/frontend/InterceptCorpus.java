package dev.portcullis.compiler.frontend;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The real Intercept policies in {@code <portcullis.shared.dir>/corpus/intercept-policies}. Tests
 * that use them are skipped, with a message, when the shared folder is absent.
 */
final class InterceptCorpus {

    /** How many policies the corpus holds (issue 3: all of them must load). */
    static final int SIZE = 53;

    private InterceptCorpus() {
    }

    /** The corpus's YAML files, sorted; skips the calling test when the corpus is absent. */
    static List<Path> policies() throws IOException {
        String shared = System.getProperty("portcullis.shared.dir");
        assumeTrue(shared != null, "system property portcullis.shared.dir is not set; skipping the Intercept corpus");
        Path folder = Path.of(shared, "corpus", "intercept-policies");
        assumeTrue(Files.isDirectory(folder), "no Intercept corpus at " + folder + "; skipping");
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted().collect(Collectors.toList());
        }
    }
}
