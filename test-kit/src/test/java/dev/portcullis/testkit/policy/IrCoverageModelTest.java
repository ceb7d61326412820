package dev.portcullis.testkit.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.portcullis.testkit.coverage.CoverageEntry;
import dev.portcullis.testkit.coverage.CoverageItem;
import dev.portcullis.testkit.coverage.CoverageReport;
import dev.portcullis.testkit.fixture.RealPolicies;
import dev.portcullis.testkit.replay.PolicySelector;
import dev.portcullis.testkit.replay.ReplayEngine;
import dev.portcullis.testkit.replay.ReplayListener;
import dev.portcullis.testkit.replay.ReplayOptions;
import dev.portcullis.testkit.replay.RunResult;
import dev.portcullis.testkit.transcript.TranscriptSource;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Coverage of real policies: which items a replay exercised, as their IR relates rules, limits and tools. */
class IrCoverageModelTest {

    private final ReplayEngine engine = new ReplayEngine(ReplayOptions.DEFAULT, message -> { });

    @Test
    void aRuleWhoseLimitDeniedOrWasChargedIsExercisedAndSoIsTheLimit() {
        CoverageReport coverage = coverage(RealPolicies.stripe(),
                "{\"ts\":0,\"tool\":\"create_refund\",\"arguments\":{\"amount\":60000},\"expect\":\"deny\"}",
                "{\"ts\":1,\"tool\":\"create_refund\",\"arguments\":{\"amount\":50000}}",
                "{\"ts\":2,\"tool\":\"create_refund\",\"arguments\":{\"amount\":50000}}",
                "{\"ts\":3,\"tool\":\"create_refund\",\"arguments\":{\"amount\":1},\"expect\":\"deny\",\"expect_rule\":\"create_refund.refunded_today\"}",
                "{\"ts\":4,\"tool\":\"create_coupon\"}",
                "{\"ts\":5,\"tool\":\"cancel_subscription\",\"expect\":\"deny\"}");

        assertThat(coverage.entries()).extracting(entry -> entry.item().id(), CoverageEntry::decisions, CoverageEntry::charged)
                .contains(tuple("daily refund budget", 1L, 2L),
                        tuple("create_refund.refunded_today", 1L, 2L),
                        tuple("coupons per hour", 0L, 1L),
                        tuple("create_coupon._rate_hour", 0L, 1L),
                        tuple("global rate limit", 0L, 3L),
                        tuple("_global._rate_minute", 0L, 3L));
        assertThat(coverage.neverHit()).extracting(CoverageItem::id).containsExactly("default");
    }

    @Test
    void aRuleWhoseLimitsNoCallReachedIsNeverHit() {
        CoverageReport coverage = coverage(RealPolicies.stripe(),
                "{\"ts\":0,\"tool\":\"create_refund\",\"arguments\":{\"amount\":0}}",
                "{\"ts\":1,\"tool\":\"create_refund\",\"arguments\":{\"amount\":60000},\"expect\":\"deny\"}");

        // an amount of 0 takes nothing from the budget, so it has not been shown to count
        assertThat(coverage.neverHit()).extracting(CoverageItem::id).containsExactly("daily refund budget",
                "tools.create_coupon", "coupons per hour", "people cancel subscriptions",
                "create_refund.refunded_today", "create_coupon._rate_hour", "default");
    }

    @Test
    void aCallIsChargedOnlyAgainstTheEntriesThatDecideIt() {
        CoverageReport coverage = coverage(RealPolicies.load("globs.json", """
                {"version": "1", "default": "allow",
                 "tools": {"list_*": {"limits": [{"counter": "listings", "window": "minute", "max": 5}]},
                           "list_customers": {"rules": [{"name": "customers per minute",
                                "limits": [{"counter": "customer_listings", "window": "minute", "max": 5}]}]}},
                 "all_tools": {"limits": [{"counter": "everything", "window": "minute", "max": 100}]}}
                """),
                "{\"ts\":0,\"tool\":\"list_customers\"}",
                "{\"ts\":1,\"tool\":\"unlisted_tool\"}");

        assertThat(coverage.entries()).extracting(entry -> entry.item().id(), CoverageEntry::charged)
                .contains(tuple("customers per minute", 1L), tuple("customer_listings", 1L), tuple("everything", 2L),
                        tuple("listings", 0L));
        assertThat(coverage.neverHit()).extracting(CoverageItem::id).containsExactly("tools.list_*", "listings");
    }

    private CoverageReport coverage(FilePolicy policy, String... lines) {
        RunResult run = engine.run(List.of(TranscriptSource.ofString("t.jsonl", String.join("\n", lines) + "\n")),
                PolicySelector.always(policy), ReplayListener.NONE);
        assertThat(run.transcripts().get(0).mismatches()).isEmpty();
        assertThat(run.transcripts().get(0).errors()).isEmpty();
        return run.coverage().get(0);
    }
}
