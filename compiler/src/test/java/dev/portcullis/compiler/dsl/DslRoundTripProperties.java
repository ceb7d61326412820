package dev.portcullis.compiler.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import tools.jackson.databind.JsonNode;

/**
 * {@code fmt} is faithful and stable: a canonical document printed as DSL reads back to an equal
 * tree, and printing that tree again gives the same text.
 */
class DslRoundTripProperties {

    @Property(tries = 1_000)
    void printedDocumentsReadBackEqualAndPrintStably(@ForAll("documents") JsonNode document) {
        String printed = DslPrinter.print(document);
        DslReadResult reread = new DslFrontEnd(IncludeResolver.disabled())
                .parse("printed.policy", printed.getBytes(StandardCharsets.UTF_8));
        assertThat(reread.result().diagnostics()).as("diagnostics reading%n%s%n%s", printed, reread.renderDiagnostics())
                .isEmpty();
        JsonNode tree = reread.result().document().orElseThrow().tree();
        assertThat(tree).as("tree read back from%n%s", printed).isEqualTo(document);
        assertThat(DslPrinter.print(tree)).isEqualTo(printed);
    }

    /** The generator must reach the readable forms, not only the JSON fallbacks. */
    @Property(tries = 1_000)
    void theGeneratorReachesEveryForm(@ForAll("documents") JsonNode document) {
        String printed = DslPrinter.print(document);
        Statistics.label("form").collect(printed.startsWith("{") ? "JSON document" : "statements");
        Statistics.label("JSON in place").collect(!printed.startsWith("{") && printed.contains("{\""));
        Statistics.label("require else").collect(printed.contains("\n  require ") && printed.contains("\" else \""));
        Statistics.label("unnamed limit").collect(printed.matches("(?s).*limit [0-9]+ per .*"));
        Statistics.label("combination").collect(printed.contains(" and ") || printed.contains(" or "));
        Statistics.label("form").coverage(c -> c.check("statements").percentage(p -> p > 70));
        Statistics.label("JSON in place").coverage(c -> c.check(true).percentage(p -> p > 10));
        Statistics.label("require else").coverage(c -> c.check(true).percentage(p -> p > 3));
        Statistics.label("unnamed limit").coverage(c -> c.check(true).percentage(p -> p > 10));
        Statistics.label("combination").coverage(c -> c.check(true).percentage(p -> p > 20));
    }

    @Provide
    Arbitrary<JsonNode> documents() {
        return CanonicalDocuments.documents();
    }
}
