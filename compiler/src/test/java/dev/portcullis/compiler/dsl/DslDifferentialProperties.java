package dev.portcullis.compiler.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.compiler.frontend.CanonicalDocument;
import dev.portcullis.compiler.frontend.FrontEndResult;
import dev.portcullis.compiler.frontend.PolicyLayerJsonFrontEnd;
import dev.portcullis.compiler.interpret.PolicyInterpreter;
import dev.portcullis.compiler.ir.BuildResult;
import dev.portcullis.compiler.ir.IrBuilder;
import dev.portcullis.compiler.testing.TestCounterStore;
import dev.portcullis.runtime.Decision;
import dev.portcullis.runtime.Reservation;
import dev.portcullis.runtime.ToolCall;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;
import tools.jackson.databind.JsonNode;

/**
 * A policy written in the DSL and its twin written by hand in JSON decide every generated sequence
 * of calls alike, through the IR builder and the interpreter; and so do a generated document and
 * the same document printed as DSL and read back.
 */
class DslDifferentialProperties {

    private static final String HEALTHLAKE = """
            policy "healthlake" default deny
            hide drop_datastore

            counter exports = 3 per minute per grant

            tool start_fhir_export_job {
              limit exports
              require args.output_data_config.s3_configuration.s3_uri startsWith "s3://phi-exports/"
                else "exports must land in the PHI bucket"
            }
            tool list_*, get_* { allow }
            tool delete_* { deny "destructive" }
            tool start_fhir_import_job { require approval "imports change clinical data" }
            """;
    private static final String HEALTHLAKE_JSON = """
            {"version": "1", "name": "healthlake", "default": "deny", "hide": ["drop_datastore"],
             "counters": {"exports": {"window": "minute", "max": 3, "scope": "grant"}},
             "tools": {
               "start_fhir_export_job": {
                 "limits": [{"counter": "exports"}],
                 "rules": [{"name": "args.output_data_config.s3_configuration.s3_uri startsWith \\"s3://phi-exports/\\"",
                            "conditions": [{"path": "args.output_data_config.s3_configuration.s3_uri",
                                            "op": "starts_with", "value": "s3://phi-exports/"}],
                            "on_deny": "exports must land in the PHI bucket"}]},
               "list_*": {"action": "allow"}, "get_*": {"action": "allow"},
               "delete_*": {"action": "deny", "reason": "destructive"},
               "start_fhir_import_job": {"action": "require_approval", "reason": "imports change clinical data"}}}""";

    private static final String REFUNDS = """
            policy "refunds"
            counter refunds = 5 per hour per session sliding
            tool create_refund {
              deny if args.currency not in ["USD", "EUR"] or not args.customer exists
              limit refunds
              rule "cap" require args.amount <= 500 else "refunds over 500 go to finance"
              rule "big ones" require approval when args.amount > 100
              rule "per customer" limit per_customer = 2 per 90s per args.customer increment by args.units
            }
            all tools { deny if args.customer matches "^test-" }
            """;
    private static final String REFUNDS_JSON = """
            {"version": "1", "name": "refunds",
             "counters": {"refunds": {"window": "hour", "max": 5, "scope": "session", "algorithm": "sliding"}},
             "all_tools": {"deny_if": [{"path": "args.customer", "op": "regex", "value": "^test-"}]},
             "tools": {"create_refund": {
               "deny_if": [{"any": [{"path": "args.currency", "op": "not_in", "value": ["USD", "EUR"]},
                                    {"not": {"path": "args.customer", "op": "exists", "value": true}}]}],
               "limits": [{"counter": "refunds"}],
               "rules": [
                 {"name": "cap", "conditions": [{"path": "args.amount", "op": "lte", "value": 500}],
                  "on_deny": "refunds over 500 go to finance"},
                 {"name": "big ones", "action": "require_approval",
                  "conditions": [{"path": "args.amount", "op": "gt", "value": 100}]},
                 {"name": "per customer", "limits": [{"counter": "per_customer", "window": 90, "max": 2,
                                                      "per": "args.customer", "increment_from": "args.units"}]}]}}}""";

    private static final String CATALOGUE = """
            default allow
            tool list_* { limit 4 per minute globally }
            tool list_patients { require args.page < 10 and args.filter endsWith ".csv" }
            tool * { deny if args.dry_run == false and (args.kind == "write" or args.tags contains "phi") }
            """;
    private static final String CATALOGUE_JSON = """
            {"version": "1", "default": "allow", "tools": {
              "list_*": {"limits": [{"counter": "list_*._rate_minute", "window": "minute", "max": 4, "scope": "global"}]},
              "list_patients": {"require": [{"path": "args.page", "op": "lt", "value": 10},
                                            {"path": "args.filter", "op": "ends_with", "value": ".csv"}]},
              "*": {"deny_if": [{"all": [{"path": "args.dry_run", "op": "eq", "value": false},
                                         {"any": [{"path": "args.kind", "op": "eq", "value": "write"},
                                                  {"path": "args.tags", "op": "contains", "value": "phi"}]}]}]}}}""";

    private static final List<String> TOOLS = List.of("start_fhir_export_job", "start_fhir_import_job", "list_patients",
            "list_jobs", "get_patient", "delete_datastore", "drop_datastore", "create_refund", "other_tool");

    @Property(tries = 200)
    void healthlakeTwinsDecideAlike(@ForAll("calls") @Size(max = 30) List<ToolCall> calls) {
        assertSameDecisions(HEALTHLAKE, HEALTHLAKE_JSON, calls);
        Statistics.coverage(coverage -> {
            coverage.check("REQUIRE_APPROVAL").count(c -> c > 0);
            coverage.check("RATE_LIMITED").count(c -> c > 0);
        });
    }

    @Property(tries = 200)
    void refundTwinsDecideAlike(@ForAll("calls") @Size(max = 30) List<ToolCall> calls) {
        assertSameDecisions(REFUNDS, REFUNDS_JSON, calls);
        Statistics.coverage(coverage -> coverage.check("REQUIRE_APPROVAL").count(c -> c > 0));
    }

    @Property(tries = 200)
    void catalogueTwinsDecideAlike(@ForAll("calls") @Size(max = 30) List<ToolCall> calls) {
        assertSameDecisions(CATALOGUE, CATALOGUE_JSON, calls);
    }

    @Property(tries = 300)
    void aPrintedDocumentDecidesAsTheOriginal(@ForAll("buildableDocuments") JsonNode document,
            @ForAll("calls") @Size(max = 20) List<ToolCall> calls) {
        String printed = DslPrinter.print(document);
        JsonNode reread = Dsl.read(printed).result().document().orElseThrow().tree();
        assertThat(decisions(interpreter(reread), calls)).isEqualTo(decisions(interpreter(document), calls));
    }

    private static void assertSameDecisions(String dsl, String json, List<ToolCall> calls) {
        JsonNode fromDsl = Dsl.lower(dsl);
        FrontEndResult read = new PolicyLayerJsonFrontEnd().read("twin.json", json.getBytes(StandardCharsets.UTF_8));
        CanonicalDocument twin = read.document().orElseThrow();
        assertThat(fromDsl).isEqualTo(twin.tree());
        List<Decision> expected = decisions(interpreter(twin.tree()), calls);
        assertThat(decisions(interpreter(fromDsl), calls)).isEqualTo(expected);
        for (Decision decision : expected) {
            Statistics.collect(decision.rateLimitDenial().isPresent() ? "RATE_LIMITED" : decision.effect().name());
        }
        // the generated calls must reach every kind of decision, or the comparison proves little
        Statistics.coverage(coverage -> {
            coverage.check("ALLOW").count(c -> c > 0);
            coverage.check("DENY").count(c -> c > 0);
        });
    }

    private static PolicyInterpreter interpreter(JsonNode tree) {
        BuildResult built = IrBuilder.build(tree, new dev.portcullis.compiler.source.SourceMap("p"), "p");
        assertThat(built.hasErrors()).as("IR of %s: %s", tree, built.diagnostics()).isFalse();
        return new PolicyInterpreter(built.policy(), new TestCounterStore());
    }

    /** Decisions for the calls in order, committing what is allowed so that limits fill up. */
    private static List<Decision> decisions(PolicyInterpreter interpreter, List<ToolCall> calls) {
        List<Decision> decisions = new ArrayList<>();
        for (ToolCall call : calls) {
            Reservation reservation = interpreter.reserve(call);
            decisions.add(reservation.decision());
            if (reservation.decision().isAllowed()) {
                reservation.commit();
            } else {
                reservation.release();
            }
        }
        return decisions;
    }

    @Provide
    Arbitrary<JsonNode> buildableDocuments() {
        return CanonicalDocuments.documents().filter(document ->
                !IrBuilder.build(document, new dev.portcullis.compiler.source.SourceMap("p"), "p").hasErrors());
    }

    /**
     * Plausible calls: each argument present four times in five, with values near the policies'
     * thresholds, so the sequences reach allow, deny, approval and exhausted limits.
     */
    @Provide
    Arbitrary<List<ToolCall>> calls() {
        Arbitrary<ToolCall> call = Arbitraries.randomValue(random -> {
            Map<String, Object> args = new HashMap<>();
            putSometimes(random, args, "amount", List.of(0, 50, 100, 101, 250, 500, 501, 2_000, "300"));
            putSometimes(random, args, "currency", List.of("USD", "EUR", "GBP"));
            putSometimes(random, args, "customer", List.of("c1", "c2", "test-1"));
            putSometimes(random, args, "units", List.of(1, 2, 3));
            putSometimes(random, args, "page", List.of(0, 9, 10, "3"));
            putSometimes(random, args, "filter", List.of("x.csv", "x.json"));
            putSometimes(random, args, "dry_run", List.of(true, false));
            putSometimes(random, args, "kind", List.of("write", "read"));
            putSometimes(random, args, "tags", List.of(List.of("phi", "pii"), List.of("public")));
            putSometimes(random, args, "output_data_config", List.of(
                    Map.of("s3_configuration", Map.of("s3_uri", "s3://phi-exports/job")),
                    Map.of("s3_configuration", Map.of("s3_uri", "s3://elsewhere/job"))));
            return ToolCall.builder(TOOLS.get(random.nextInt(TOOLS.size()))).arguments(args)
                    .grant(random.nextBoolean() ? "g1" : "g2").session(random.nextBoolean() ? "s1" : "s2")
                    .agent("agent").timeMillis(random.nextInt(200_000)).build();
        });
        return call.list().map(list -> {
            // time moves forward through a transcript
            List<ToolCall> ordered = new ArrayList<>(list);
            ordered.sort(java.util.Comparator.comparingLong(ToolCall::timeMillis));
            return ordered;
        });
    }

    private static void putSometimes(java.util.Random random, Map<String, Object> args, String key, List<?> values) {
        if (random.nextInt(5) > 0) {
            args.put(key, values.get(random.nextInt(values.size())));
        }
    }
}
