package dev.portcullis.compiler.dsl;

import static dev.portcullis.compiler.dsl.Dsl.json;
import static dev.portcullis.compiler.dsl.Dsl.lower;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.compiler.frontend.CanonicalDocument;
import dev.portcullis.compiler.frontend.PolicyLayerJsonFrontEnd;
import dev.portcullis.compiler.source.SourcePosition;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Each construct of the language and the canonical JSON it lowers to. */
class DslLoweringTest {

    private static void assertLowers(String dsl, String expectedJson) {
        JsonNode tree = lower(dsl);
        assertThat(tree).as("lowering of%n%s", dsl).isEqualTo(json(expectedJson));
        assertThat(lower(DslPrinter.print(tree))).as("printed back%n%s", DslPrinter.print(tree)).isEqualTo(tree);
    }

    @Nested
    class Document {

        @Test
        void emptyFileOfCommentsIsAnEmptyPolicy() {
            assertLowers("# nothing yet\n", """
                    {"version": "1"}""");
        }

        @Test
        void headerStatements() {
            assertLowers("""
                    policy "healthlake" default deny
                    description "FHIR access for the analytics agent"
                    """, """
                    {"version": "1", "name": "healthlake", "description": "FHIR access for the analytics agent",
                     "default": "deny"}""");
        }

        @Test
        void policyNameMayBeAWord() {
            assertLowers("policy healthlake.v2", """
                    {"version": "1", "name": "healthlake.v2"}""");
        }

        @Test
        void hideListsToolsAndPatterns() {
            assertLowers("hide delete_everything, admin_*\nhide *", """
                    {"version": "1", "hide": ["delete_everything", "admin_*", "*"]}""");
        }

        @Test
        void commentsOfThreeKinds() {
            assertLowers("""
                    # hash comment
                    // line comment
                    /* block
                       comment */ default /* inline */ allow // trailing
                    """, """
                    {"version": "1", "default": "allow"}""");
        }
    }

    @Nested
    class Tools {

        @Test
        void emptyBlockAllowsTheTool() {
            assertLowers("tool list_patients {}", """
                    {"version": "1", "tools": {"list_patients": {}}}""");
        }

        @Test
        void actionsWithAndWithoutReasons() {
            assertLowers("""
                    tool a { allow }
                    tool b { allow "read only" }
                    tool c { deny }
                    tool d { deny "destructive" }
                    tool e { require approval }
                    tool f { require approval "imports change clinical data" }
                    """, """
                    {"version": "1", "tools": {
                      "a": {"action": "allow"}, "b": {"action": "allow", "reason": "read only"},
                      "c": {"action": "deny"}, "d": {"action": "deny", "reason": "destructive"},
                      "e": {"action": "require_approval"},
                      "f": {"action": "require_approval", "reason": "imports change clinical data"}}}""");
        }

        @Test
        void severalKeysShareOneBlock() {
            assertLowers("tool list_*, get_*, describe_fhir_job { allow }", """
                    {"version": "1", "tools": {"list_*": {"action": "allow"}, "get_*": {"action": "allow"},
                      "describe_fhir_job": {"action": "allow"}}}""");
        }

        @Test
        void namesMayBeDottedHyphenatedQuotedOrKeywords() {
            assertLowers("""
                    tool github.create_issue {}
                    tool write-cypher {}
                    tool "1password lookup" {}
                    tool deny {}
                    tool *_admin {}
                    """, """
                    {"version": "1", "tools": {"github.create_issue": {}, "write-cypher": {}, "1password lookup": {},
                      "deny": {}, "*_admin": {}}}""");
        }

        @Test
        void allTools() {
            assertLowers("all tools { deny if args.dry_run == false }", """
                    {"version": "1", "all_tools": {"deny_if": [{"path": "args.dry_run", "op": "eq", "value": false}]}}""");
        }

        @Test
        void entryAsJson() {
            assertLowers("tool legacy {\"action\": \"deny\", \"reason\": \"old\"}", """
                    {"version": "1", "tools": {"legacy": {"action": "deny", "reason": "old"}}}""");
        }
    }

    @Nested
    class Conditions {

        private JsonNode requireOf(String condition) {
            return lower("tool t { require " + condition + " }").at("/tools/t/require");
        }

        @Test
        void everyOperator() {
            assertThat(requireOf("args.a == \"x\"")).isEqualTo(json("[{\"path\": \"args.a\", \"op\": \"eq\", \"value\": \"x\"}]"));
            assertThat(requireOf("args.a != 1")).isEqualTo(json("[{\"path\": \"args.a\", \"op\": \"neq\", \"value\": 1}]"));
            assertThat(requireOf("args.a < 1.5")).isEqualTo(json("[{\"path\": \"args.a\", \"op\": \"lt\", \"value\": 1.5}]"));
            assertThat(requireOf("args.a <= -2")).isEqualTo(json("[{\"path\": \"args.a\", \"op\": \"lte\", \"value\": -2}]"));
            assertThat(requireOf("args.a > 1e3")).isEqualTo(json("[{\"path\": \"args.a\", \"op\": \"gt\", \"value\": 1e3}]"));
            assertThat(requireOf("args.a >= 0")).isEqualTo(json("[{\"path\": \"args.a\", \"op\": \"gte\", \"value\": 0}]"));
            assertThat(requireOf("args.env in [\"dev\", \"test\"]"))
                    .isEqualTo(json("[{\"path\": \"args.env\", \"op\": \"in\", \"value\": [\"dev\", \"test\"]}]"));
            assertThat(requireOf("args.env not in [\"prod\"]"))
                    .isEqualTo(json("[{\"path\": \"args.env\", \"op\": \"not_in\", \"value\": [\"prod\"]}]"));
            assertThat(requireOf("args.q matches \"^SELECT \"")).isEqualTo(json(
                    "[{\"path\": \"args.q\", \"op\": \"regex\", \"value\": \"^SELECT \"}]"));
            assertThat(requireOf("args.uri startsWith \"s3://\"")).isEqualTo(json(
                    "[{\"path\": \"args.uri\", \"op\": \"starts_with\", \"value\": \"s3://\"}]"));
            assertThat(requireOf("args.file endsWith \".csv\"")).isEqualTo(json(
                    "[{\"path\": \"args.file\", \"op\": \"ends_with\", \"value\": \".csv\"}]"));
            assertThat(requireOf("args.tags contains \"phi\"")).isEqualTo(json(
                    "[{\"path\": \"args.tags\", \"op\": \"contains\", \"value\": \"phi\"}]"));
            assertThat(requireOf("args.id exists")).isEqualTo(json("[{\"path\": \"args.id\", \"op\": \"exists\", \"value\": true}]"));
            assertThat(requireOf("args.force not exists")).isEqualTo(json(
                    "[{\"path\": \"args.force\", \"op\": \"exists\", \"value\": false}]"));
        }

        @Test
        void valuesAreJson() {
            assertThat(requireOf("args.a == {\"k\": [true, null]}")).isEqualTo(json(
                    "[{\"path\": \"args.a\", \"op\": \"eq\", \"value\": {\"k\": [true, null]}}]"));
        }

        @Test
        void notBindsTighterThanAndWhichBindsTighterThanOr() {
            assertThat(lower("tool t { deny if not args.a exists and args.b == 1 or args.c == 2 }").at("/tools/t/deny_if"))
                    .isEqualTo(json("""
                            [{"any": [{"all": [{"not": {"path": "args.a", "op": "exists", "value": true}},
                                               {"path": "args.b", "op": "eq", "value": 1}]},
                                      {"path": "args.c", "op": "eq", "value": 2}]}]"""));
        }

        @Test
        void parenthesesKeepTheirGrouping() {
            assertThat(lower("tool t { deny if args.a == 1 and (args.b == 2 or args.c == 3) }").at("/tools/t/deny_if"))
                    .isEqualTo(json("""
                            [{"all": [{"path": "args.a", "op": "eq", "value": 1},
                                      {"any": [{"path": "args.b", "op": "eq", "value": 2},
                                               {"path": "args.c", "op": "eq", "value": 3}]}]}]"""));
            assertThat(lower("tool t { deny if (args.a == 1 or args.b == 2) or args.c == 3 }").at("/tools/t/deny_if/0/any/0"))
                    .isEqualTo(json("""
                            {"any": [{"path": "args.a", "op": "eq", "value": 1}, {"path": "args.b", "op": "eq", "value": 2}]}"""));
        }

        @Test
        void aChainIsOneCombinationNotANestedOne() {
            assertThat(lower("tool t { deny if args.a == 1 or args.b == 2 or args.c == 3 }").at("/tools/t/deny_if/0/any"))
                    .hasSize(3);
        }

        @Test
        void requireSplitsATopLevelAndIntoSeparateRequirements() {
            assertThat(requireOf("args.a == 1 and args.b == 2")).hasSize(2);
            assertThat(requireOf("(args.a == 1 and args.b == 2)")).isEqualTo(json("""
                    [{"all": [{"path": "args.a", "op": "eq", "value": 1}, {"path": "args.b", "op": "eq", "value": 2}]}]"""));
        }

        @Test
        void denyIfKeepsAnAndAsOneCondition() {
            assertThat(lower("tool t { deny if args.a == 1 and args.b == 2 }").at("/tools/t/deny_if")).hasSize(1);
            assertThat(lower("tool t {\n deny if args.a == 1\n deny if args.b == 2\n}").at("/tools/t/deny_if")).hasSize(2);
        }

        @Test
        void pathsTakeKeywordsNumbersAndQuotedSegments() {
            assertThat(requireOf("args.limit.items.0.\"content type\" == \"x\"").at("/0/path").stringValue())
                    .isEqualTo("args.limit.items.0.content type");
        }

        @Test
        void conditionAsJson() {
            assertThat(requireOf("{\"path\": \"args.a\", \"op\": \"eq\", \"value\": 1} and args.b == 2"))
                    .isEqualTo(json("""
                            [{"path": "args.a", "op": "eq", "value": 1}, {"path": "args.b", "op": "eq", "value": 2}]"""));
        }

        @Test
        void stringEscapesAreJsons() {
            assertThat(requireOf("args.a == \"tab\\tquote\\\" slash\\/ snow\\u2603\"").at("/0/value").stringValue())
                    .isEqualTo("tab\tquote\" slash/ snow\u2603");
        }

        @Test
        void requireElseBecomesARuleNamedAfterItsCondition() {
            assertLowers("""
                    tool start_fhir_export_job {
                      require args.output_data_config.s3_configuration.s3_uri startsWith "s3://phi-exports/"
                        else "exports must land in the PHI bucket"
                    }""", """
                    {"version": "1", "tools": {"start_fhir_export_job": {"rules": [{
                      "name": "args.output_data_config.s3_configuration.s3_uri startsWith \\"s3://phi-exports/\\"",
                      "conditions": [{"path": "args.output_data_config.s3_configuration.s3_uri", "op": "starts_with",
                                      "value": "s3://phi-exports/"}],
                      "on_deny": "exports must land in the PHI bucket"}]}}}""");
        }
    }

    @Nested
    class Limits {

        @Test
        void namedCounterDeclaredOnceAndShared() {
            assertLowers("""
                    counter exports = 10 per minute per grant
                    tool start_fhir_export_job { limit exports }
                    tool start_fhir_import_job { limit exports }
                    """, """
                    {"version": "1", "counters": {"exports": {"window": "minute", "max": 10, "scope": "grant"}},
                     "tools": {"start_fhir_export_job": {"limits": [{"counter": "exports"}]},
                               "start_fhir_import_job": {"limits": [{"counter": "exports"}]}}}""");
        }

        @Test
        void everyOption() {
            assertLowers("""
                    counter a = 5 per second per session sliding increment by 2
                    counter b = 100 per day per agent per args.datastore_id token bucket increment by args.count
                    counter c = 1 per hour globally fixed
                    counter d = 1 per hour per global
                    """, """
                    {"version": "1", "counters": {
                      "a": {"window": "second", "max": 5, "scope": "session", "algorithm": "sliding", "increment": 2},
                      "b": {"window": "day", "max": 100, "scope": "agent", "per": "args.datastore_id",
                            "algorithm": "token_bucket", "increment_from": "args.count"},
                      "c": {"window": "hour", "max": 1, "scope": "global", "algorithm": "fixed"},
                      "d": {"window": "hour", "max": 1, "scope": "global"}}}""");
        }

        @Test
        void durations() {
            JsonNode counters = lower("""
                    counter a = 1 per 90s
                    counter b = 1 per 5m
                    counter c = 1 per 1h
                    counter d = 1 per 1d
                    counter e = 1 per 1h30m
                    """).get("counters");
            assertThat(counters.at("/a/window").intValue()).isEqualTo(90);
            assertThat(counters.at("/b/window").intValue()).isEqualTo(300);
            assertThat(counters.at("/c/window").intValue()).isEqualTo(3_600);
            assertThat(counters.at("/d/window").intValue()).isEqualTo(86_400);
            assertThat(counters.at("/e/window").intValue()).isEqualTo(5_400);
        }

        @Test
        void inlineNamedLimit() {
            assertLowers("tool t { limit reads = 100 per minute per session }", """
                    {"version": "1", "tools": {"t": {"limits": [
                      {"counter": "reads", "window": "minute", "max": 100, "scope": "session"}]}}}""");
        }

        @Test
        void unnamedLimitIsNamedAfterItsToolAndWindowAsInterceptDoes() {
            assertLowers("""
                    tool create_issue { limit 5 per hour globally }
                    all tools { limit 60 per minute globally }
                    """, """
                    {"version": "1",
                     "all_tools": {"limits": [{"counter": "_global._rate_minute", "window": "minute", "max": 60,
                                               "scope": "global"}]},
                     "tools": {"create_issue": {"limits": [{"counter": "create_issue._rate_hour", "window": "hour",
                                                            "max": 5, "scope": "global"}]}}}""");
        }

        @Test
        void unnamedLimitsOfSeveralToolsAreSeparateBudgets() {
            JsonNode tools = lower("tool a, b { limit 5 per 90s }").get("tools");
            assertThat(tools.at("/a/limits/0/counter").stringValue()).isEqualTo("a._rate_90");
            assertThat(tools.at("/b/limits/0/counter").stringValue()).isEqualTo("b._rate_90");
        }

        @Test
        void limitAsJson() {
            assertLowers("tool t { limit {\"counter\": \"x\", \"window\": 60, \"max\": 1} }", """
                    {"version": "1", "tools": {"t": {"limits": [{"counter": "x", "window": 60, "max": 1}]}}}""");
        }

        @Test
        void counterDefinitionAsJson() {
            assertLowers("counter x = {\"window\": \"hour\", \"max\": 3}\ntool t { limit x }", """
                    {"version": "1", "counters": {"x": {"window": "hour", "max": 3}},
                     "tools": {"t": {"limits": [{"counter": "x"}]}}}""");
        }
    }

    @Nested
    class Rules {

        @Test
        void everyRuleForm() {
            assertLowers("""
                    counter refunds = 20 per day
                    tool create_refund {
                      rule "no prod" deny "never in production"
                      rule "cap" require args.amount <= 500 and args.currency == "USD" else "too large"
                      rule "big ones" require approval when args.amount > 100 else "a human checks big refunds"
                      rule "any approval" require approval
                      rule "hourly limit" limit 5 per hour globally else "Rate limit exceeded"
                      rule "shared" limit refunds limit per_customer = 3 per day per args.customer
                      rule {"name": "raw", "action": "evaluate", "conditions": [{"path": "args.a", "op": "exists", "value": true}]}
                    }""", """
                    {"version": "1", "counters": {"refunds": {"window": "day", "max": 20}},
                     "tools": {"create_refund": {"rules": [
                      {"name": "no prod", "action": "deny", "on_deny": "never in production"},
                      {"name": "cap", "conditions": [{"path": "args.amount", "op": "lte", "value": 500},
                                                     {"path": "args.currency", "op": "eq", "value": "USD"}],
                       "on_deny": "too large"},
                      {"name": "big ones", "action": "require_approval",
                       "conditions": [{"path": "args.amount", "op": "gt", "value": 100}],
                       "on_deny": "a human checks big refunds"},
                      {"name": "any approval", "action": "require_approval"},
                      {"name": "hourly limit", "on_deny": "Rate limit exceeded",
                       "limits": [{"counter": "create_refund._rate_hour", "window": "hour", "max": 5, "scope": "global"}]},
                      {"name": "shared", "limits": [{"counter": "refunds"},
                        {"counter": "per_customer", "window": "day", "max": 3, "per": "args.customer"}]},
                      {"name": "raw", "action": "evaluate", "conditions": [{"path": "args.a", "op": "exists", "value": true}]}
                     ]}}}""");
        }

        @Test
        void aLimitRightAfterARuleBelongsToTheRule() {
            JsonNode entry = lower("tool t {\n rule \"r\" require args.a == 1\n limit 1 per minute\n}").at("/tools/t");
            assertThat(entry.has("limits")).isFalse();
            assertThat(entry.at("/rules/0/limits")).hasSize(1);
        }
    }

    @Nested
    class JsonDocuments {

        @Test
        void aJsonDocumentMeansWhatItMeansAsAJsonFile() {
            String policy = """
                    {"version": "1", "default": "deny",
                     "tools": {"start_fhir_export_job": {"rate_limit": {"max": 10, "window": 60}}}}""";
            CanonicalDocument asJson = new PolicyLayerJsonFrontEnd()
                    .read("p.json", policy.getBytes(StandardCharsets.UTF_8)).document().orElseThrow();
            JsonNode asPolicy = lower(policy);
            assertThat(asPolicy).isEqualTo(asJson.tree());
            assertThat(asPolicy.at("/tools/start_fhir_export_job/limits/0/counter").stringValue())
                    .isEqualTo("start_fhir_export_job.rate_limit");
        }

        @Test
        void aJsonDocumentMayCarryComments() {
            DslReadResult result = Dsl.read("""
                    // exported from the gateway
                    {"version": "1", # the only version
                     "tools": {"x": /* nothing */ {}}}""");
            CanonicalDocument document = Dsl.documentOf(result, "commented JSON");
            assertThat(document.format()).isEqualTo("policy");
            assertThat(document.tree()).isEqualTo(json("{\"version\": \"1\", \"tools\": {\"x\": {}}}"));
            assertThat(document.sourceMap().positionOf("/tools/x")).isEqualTo(new SourcePosition(Dsl.FILE, 3, 12));
        }
    }

    @Nested
    class Positions {

        @Test
        void everyNodePointsAtWhereItWasWritten() {
            DslReadResult result = Dsl.read("""
                    policy "p"
                    counter exports = 10 per minute
                    tool a, b {
                      require args.x == 1
                      limit exports
                      rule "r" deny "no"
                    }
                    """);
            var map = Dsl.documentOf(result, "positions").sourceMap();
            assertThat(map.positionOf("/name")).isEqualTo(new SourcePosition(Dsl.FILE, 1, 1));
            assertThat(map.positionOf("/counters/exports/max")).isEqualTo(new SourcePosition(Dsl.FILE, 2, 19));
            assertThat(map.positionOf("/counters/exports/window")).isEqualTo(new SourcePosition(Dsl.FILE, 2, 26));
            assertThat(map.positionOf("/tools/b")).isEqualTo(new SourcePosition(Dsl.FILE, 3, 9));
            assertThat(map.positionOf("/tools/b/require/0/value")).isEqualTo(new SourcePosition(Dsl.FILE, 4, 21));
            assertThat(map.positionOf("/tools/a/limits/0")).isEqualTo(new SourcePosition(Dsl.FILE, 5, 9));
            assertThat(map.positionOf("/tools/a/rules/0/on_deny")).isEqualTo(new SourcePosition(Dsl.FILE, 6, 17));
        }
    }
}
