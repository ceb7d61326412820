package dev.portcullis.testkit.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.testkit.fixture.RealPolicies;
import dev.portcullis.testkit.replay.PolicySelector;
import dev.portcullis.testkit.replay.ReplayEngine;
import dev.portcullis.testkit.replay.ReplayOptions;
import dev.portcullis.testkit.transcript.TranscriptSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Timelines of the counters allowed calls charged, from the policy's limits, whether or not they denied. */
class HtmlTimelineTest {

    @TempDir
    Path reports;

    @Test
    void countersThatNeverDeniedAreDrawnWithWhatEachAllowedCallTookFromThem() throws Exception {
        StringBuilder transcript = new StringBuilder()
                .append("{\"ts\":0,\"tool\":\"create_refund\",\"arguments\":{\"amount\":25000}}\n")
                .append("{\"ts\":1000,\"tool\":\"create_refund\",\"arguments\":{\"amount\":35000}}\n");
        for (int i = 0; i < 6; i++) {
            transcript.append("{\"ts\":").append(2000 + i).append(",\"tool\":\"create_coupon\"")
                    .append(i == 5 ? ",\"expect\":\"deny\"}\n" : "}\n");
        }
        Document page = replay(transcript.toString());

        assertThat(captions(page)).containsExactly("Counter create_refund.refunded_today", "Counter _global._rate_minute",
                "Counter create_coupon._rate_hour");
        assertThat(marks(page, 0)).hasSize(2).satisfiesExactly(
                first -> assertThat(first).startsWith("line 1 ").endsWith("[25000 of 100000 used]"),
                second -> assertThat(second).startsWith("line 2 ").endsWith("[60000 of 100000 used]"));
        // every allowed call takes one from all_tools' counter; the denied coupon takes nothing
        assertThat(marks(page, 1)).hasSize(8).last().asString().endsWith("[7 of 60 used]");
        assertThat(marks(page, 2)).hasSize(6).last().asString().contains(" DENY ").endsWith("[5 of 5 used]");
    }

    @Test
    void aCounterNoCallTookAnythingFromIsNotDrawn() throws Exception {
        Document page = replay("{\"ts\":0,\"tool\":\"create_refund\",\"arguments\":{\"amount\":0}}\n");
        assertThat(captions(page)).containsExactly("Counter _global._rate_minute");
    }

    private Document replay(String transcript) throws Exception {
        Path html = reports.resolve("report.html");
        new ReplayEngine(ReplayOptions.DEFAULT, message -> { }).run(List.of(TranscriptSource.ofString("t.jsonl", transcript)),
                PolicySelector.always(RealPolicies.stripe()), new HtmlReporter(html));
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

    /** The tooltips of the calls marked in the figure's timeline, in time order (the first title is the figure's). */
    private static List<String> marks(Document page, int figure) {
        NodeList titles = ((Element) page.getElementsByTagName("svg").item(figure)).getElementsByTagName("title");
        List<String> marks = new ArrayList<>();
        for (int i = 1; i < titles.getLength(); i++) {
            marks.add(titles.item(i).getTextContent());
        }
        return marks;
    }
}
