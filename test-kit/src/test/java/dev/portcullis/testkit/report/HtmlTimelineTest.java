package dev.portcullis.testkit.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.testkit.policy.PolicyLoadResult;
import dev.portcullis.testkit.policy.PolicyLoader;
import dev.portcullis.testkit.replay.PolicySelector;
import dev.portcullis.testkit.replay.ReplayEngine;
import dev.portcullis.testkit.replay.ReplayOptions;
import dev.portcullis.testkit.transcript.TranscriptSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** Timelines of counters that allowed calls charged, from the policy's limits, whether or not they denied. */
class HtmlTimelineTest {

    private static final String POLICY = """
            version: "1"
            default: deny
            tools:
              create_refund:
                rules:
                  - name: daily refund budget
                    conditions:
                      - path: state.create_refund.refunded_today
                        op: lte
                        value: 100000
                    state:
                      counter: refunded_today
                      window: day
                      increment_from: args.amount
              create_coupon:
                rules:
                  - name: coupons per hour
                    rate_limit: 2/hour
              list_customers:
                rules: []
            """;

    @TempDir
    Path reports;

    @Test
    void aCounterThatNeverDeniedIsDrawnWithWhatEachAllowedCallTookFromIt() throws Exception {
        Document page = replay(
                "{\"ts\":0,\"tool\":\"create_refund\",\"arguments\":{\"amount\":25000}}",
                "{\"ts\":1000,\"tool\":\"list_customers\"}",
                "{\"ts\":2000,\"tool\":\"create_refund\",\"arguments\":{\"amount\":35000}}",
                "{\"ts\":3000,\"tool\":\"create_coupon\"}",
                "{\"ts\":4000,\"tool\":\"create_coupon\"}",
                "{\"ts\":5000,\"tool\":\"create_coupon\",\"expect\":\"deny\"}");

        assertThat(captions(page)).containsExactly("Counter create_refund.refunded_today", "Counter create_coupon._rate_hour");
        List<String> refunds = tooltips(page, 0);
        assertThat(refunds).hasSize(2);
        assertThat(refunds.get(0)).startsWith("line 1 ").endsWith("[25000 of 100000 used]");
        assertThat(refunds.get(1)).startsWith("line 3 ").endsWith("[60000 of 100000 used]");
        List<String> coupons = tooltips(page, 1);
        assertThat(coupons).hasSize(3);
        assertThat(coupons.get(1)).endsWith("[2 of 2 used]");
        assertThat(coupons.get(2)).contains(" DENY ");
    }

    @Test
    void aCounterNoCallWasChargedIsNotDrawn() throws Exception {
        Document page = replay("{\"ts\":0,\"tool\":\"create_refund\",\"arguments\":{\"amount\":0}}",
                "{\"ts\":1,\"tool\":\"list_customers\"}");
        assertThat(captions(page)).isEmpty();
    }

    private Document replay(String... lines) throws Exception {
        PolicyLoadResult loaded = PolicyLoader.standard().load("refunds.yaml", POLICY.getBytes(StandardCharsets.UTF_8));
        assertThat(loaded.hasErrors()).as(loaded.diagnostics().toString()).isFalse();
        Path html = reports.resolve("report.html");
        new ReplayEngine(ReplayOptions.DEFAULT, message -> { }).run(
                List.of(TranscriptSource.ofString("t.jsonl", String.join("\n", lines) + "\n")),
                PolicySelector.always(loaded.policy().orElseThrow()), new HtmlReporter(html));
        assertThat(Files.exists(html)).isTrue();
        return ReportsTest.parseXml(html);
    }

    private static List<String> captions(Document page) {
        List<String> captions = new ArrayList<>();
        NodeList figcaptions = page.getElementsByTagName("figcaption");
        for (int i = 0; i < figcaptions.getLength(); i++) {
            String text = figcaptions.item(i).getTextContent();
            captions.add(text.substring(0, text.indexOf(':')));
        }
        return captions;
    }

    /** The tooltips of the calls marked in the figure's timeline, in time order. */
    private static List<String> tooltips(Document page, int figure) {
        org.w3c.dom.Element svg = (org.w3c.dom.Element) page.getElementsByTagName("svg").item(figure);
        NodeList titles = svg.getElementsByTagName("title");
        List<String> marks = new ArrayList<>();
        for (int i = 1; i < titles.getLength(); i++) {
            marks.add(titles.item(i).getTextContent());
        }
        return marks;
    }
}
