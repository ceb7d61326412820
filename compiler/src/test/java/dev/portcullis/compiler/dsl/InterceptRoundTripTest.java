package dev.portcullis.compiler.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.portcullis.compiler.frontend.CanonicalDocument;
import dev.portcullis.compiler.frontend.FrontEndResult;
import dev.portcullis.compiler.frontend.InterceptYamlFrontEnd;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Intercept YAML policies, through the Intercept front end, print as DSL that reads back to the
 * same canonical tree and prints the same again: every published Intercept policy, and a policy
 * using every Intercept rule form.
 */
class InterceptRoundTripTest {

    static Path corpus() {
        String shared = System.getProperty("portcullis.shared.dir");
        return shared == null ? null : Path.of(shared, "corpus", "intercept-policies");
    }

    static Stream<Path> corpusFiles() throws IOException {
        Path folder = corpus();
        if (folder == null || !Files.isDirectory(folder)) {
            return Stream.of((Path) null);
        }
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> yaml = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
            return yaml.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpusFiles")
    void everyPublishedInterceptPolicyRoundTrips(Path file) throws IOException {
        assumeTrue(file != null, "the Intercept corpus (" + corpus() + ") is absent: set portcullis.shared.dir");
        JsonNode canonical = intercept(file.getFileName().toString(), Files.readAllBytes(file));
        assertRoundTrips(canonical);
    }

    @Test
    void theCorpusIsThere() {
        Path folder = corpus();
        assumeTrue(folder != null && Files.isDirectory(folder), "the Intercept corpus is absent: " + folder);
        assertThat(folder.resolve("github.yaml")).exists();
    }

    @Test
    void everyInterceptRuleFormRoundTripsReadably() {
        String yaml = """
                version: "1"
                description: "every rule form"
                default: deny
                tools:
                  create_issue:
                    rules:
                      - name: "hourly limit"
                        rate_limit: 5/hour
                        on_deny: "Rate limit exceeded"
                      - name: "no prod"
                        action: deny
                        on_deny: "never in production"
                  create_refund:
                    rules:
                      - name: "cap"
                        conditions:
                          - path: args.amount
                            op: lte
                            value: 500
                          - path: args.currency
                            op: in
                            value: ["USD", "EUR"]
                        on_deny: "too large"
                      - name: "big ones"
                        action: require_approval
                        conditions:
                          - path: args.amount
                            op: gt
                            value: 100
                      - name: "daily spend"
                        state:
                          counter: spend
                          window: day
                          increment_from: args.amount
                        conditions:
                          - path: state.create_refund.spend
                            op: lte
                            value: 10000
                  "*":
                    rules:
                      - name: "global rate"
                        rate_limit: 60/minute
                """;
        JsonNode canonical = intercept("every-form.yaml", yaml.getBytes(StandardCharsets.UTF_8));
        String printed = assertRoundTrips(canonical);
        assertThat(printed).isEqualTo("""
                description "every rule form"
                default deny

                all tools {
                  rule "global rate" limit 60 per minute globally else "Rate limit of 60 per minute reached. Try again later."
                }

                tool create_issue {
                  rule "hourly limit" limit 5 per hour globally else "Rate limit exceeded"
                  rule "no prod" deny "never in production"
                }

                tool create_refund {
                  rule "cap" require args.amount <= 500 and args.currency in ["USD", "EUR"] else "too large"
                  rule "big ones" require approval when args.amount > 100
                  rule "daily spend" limit create_refund.spend = 10000 per day globally increment by args.amount else "Rate limit exceeded for daily spend"
                }
                """);
    }

    private static JsonNode intercept(String name, byte[] content) {
        FrontEndResult result = new InterceptYamlFrontEnd().read(name, content);
        assertThat(result.hasErrors()).as("%s: %s", name, result.diagnostics()).isFalse();
        CanonicalDocument document = result.document().orElseThrow();
        return document.tree();
    }

    /** Prints, reads back, compares trees and the second printing; returns the printed text. */
    private static String assertRoundTrips(JsonNode canonical) {
        String printed = DslPrinter.print(canonical);
        DslReadResult reread = Dsl.read(printed);
        assertThat(reread.result().diagnostics()).as("%s%n%s", printed, reread.renderDiagnostics()).isEmpty();
        JsonNode tree = reread.result().document().orElseThrow().tree();
        assertThat(JsonEquality.equal(tree, canonical)).as("tree read back from%n%s%nis%n%s%nnot%n%s", printed,
                tree.toPrettyString(), canonical.toPrettyString()).isTrue();
        assertThat(DslPrinter.print(tree)).isEqualTo(printed);
        assertThat(printed).as("printed as statements").doesNotStartWith("{");
        return printed;
    }
}
