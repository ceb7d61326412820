package dev.portcullis.compiler.ir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import dev.portcullis.compiler.source.SourceMap;
import dev.portcullis.compiler.source.SourcePosition;
import dev.portcullis.compiler.testing.Canonical;
import dev.portcullis.compiler.testing.JsonWithPositions;
import dev.portcullis.runtime.counter.Algorithm;
import dev.portcullis.runtime.counter.Scope;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IrBuilderTest {

    private static final String FHIR = """
            {"version": "1", "default": "deny", "hide": ["delete_datastore"],
             "tools": {
               "start_fhir_export_job": {
                 "require": [{"path": "args.s3_uri", "op": "starts_with", "value": "s3://phi-exports/"}],
                 "limits": [{"counter": "start_fhir_export_job_rate", "window": "minute", "max": 10, "scope": "grant"}]},
               "list_*": {},
               "delete_*": {"action": "deny", "reason": "no deletes"}}}
            """;

    private static List<String> codes(BuildResult result) {
        return result.diagnostics().stream().map(d -> d.code().id()).toList();
    }

    @Test
    void buildsTheSeedPolicy() {
        Policy policy = Canonical.policy(FHIR);

        assertThat(policy.name()).isEqualTo("test");
        assertThat(policy.defaultPosture()).isEqualTo(DefaultPosture.DENY);
        assertThat(policy.hiddenTools()).containsOnlyKeys("delete_datastore");
        ToolEntry start = policy.tools().get("start_fhir_export_job");
        assertThat(start.id()).isEqualTo("tools.start_fhir_export_job");
        assertThat(start.rules()).singleElement().satisfies(rule -> {
            assertThat(rule.id()).isEqualTo("tools.start_fhir_export_job.require[0]");
            assertThat(rule).isInstanceOf(Rule.Require.class);
            Condition.Comparison comparison = (Condition.Comparison) ((Rule.Require) rule).condition();
            assertThat(comparison.path()).isEqualTo(ArgPath.of("s3_uri"));
            assertThat(comparison.operator()).isEqualTo(Operator.STARTS_WITH);
            assertThat(comparison.value()).isEqualTo(new Value.StringValue("s3://phi-exports/"));
        });
        CounterDefinition rate = new CounterDefinition("start_fhir_export_job_rate", Algorithm.FIXED, 10, 60_000,
                Scope.GRANT, Optional.empty(), SourcePosition.ofFile("test.json"));
        assertThat(policy.counters()).containsExactly(java.util.Map.entry("start_fhir_export_job_rate", rate));
        assertThat(start.limits()).singleElement().isEqualTo(new Limit(rate, 1, Optional.empty(), Optional.empty(),
                SourcePosition.ofFile("test.json")));
        assertThat(policy.globs()).extracting(ToolEntry::id).containsExactly("tools.delete_*", "tools.list_*");
        assertThat(policy.entryFor("delete_fhir_resource").orElseThrow().reason()).isEqualTo("no deletes");
        assertThat(policy.entryFor("get_datastore_details")).isEmpty();
    }

    @Test
    void theSameDocumentGivesAnEqualPolicyWhateverTheKeyOrderOrNumberSpelling() {
        Policy one = Canonical.policy("""
                {"version": "1", "name": "p", "tools": {
                  "a*": {}, "ab*": {}, "t": {"require": [{"path": "args.n", "op": "lt", "value": 1.50}]}}}
                """);
        Policy other = Canonical.policy("""
                {"tools": {"ab*": {}, "a*": {}, "t": {"require": [{"value": 1.5, "op": "lt", "path": "args.n"}]}},
                 "name": "p", "version": "1"}
                """);
        assertThat(one).isEqualTo(other);
        assertThat(one.hashCode()).isEqualTo(other.hashCode());
        assertThat(one.name()).isEqualTo("p");
    }

    @Test
    void limitsNamingADeclaredCounterShareItsDefinition() {
        Policy policy = Canonical.policy("""
                {"version": "1",
                 "tools": {"a": {"limits": [{"counter": "writes", "increment": 2}]},
                           "b": {"rules": [{"name": "r", "limits": [{"counter": "writes", "max": 5, "scope": "session"}]}]}},
                 "counters": {"writes": {"window": 90, "max": 5, "scope": "session", "algorithm": "sliding",
                                         "per": "args.repo"}}}
                """);
        CounterDefinition writes = policy.counters().get("writes");
        assertThat(writes.windowMillis()).isEqualTo(90_000);
        assertThat(writes.algorithm()).isEqualTo(Algorithm.SLIDING);
        assertThat(writes.per()).contains(ArgPath.of("repo"));
        assertThat(writes.budgetText()).isEqualTo("5 per 90 s per session per args.repo");
        assertThat(policy.tools().get("a").limits().get(0).increment()).isEqualTo(2);
        assertThat(policy.tools().get("b").limits().get(0).counter()).isSameAs(writes);
    }

    @Test
    void aDeclarationIsABudgetSoIncrementsBelongToLimits() {
        BuildResult result = Canonical.build("""
                {"version": "1", "counters": {"spend": {"window": "day", "max": 100, "increment_from": "args.amount"}},
                 "tools": {"charge": {"limits": [{"counter": "spend", "increment_from": "args.amount"}]}}}
                """);
        assertThat(result.diagnostics()).extracting(Diagnostic::message)
                .containsExactly("unknown field 'increment_from' in counter 'spend'");
    }

    @Test
    void interceptRulesBecomeRulesAndLimitsInOrder() {
        Policy policy = Canonical.policy("""
                {"version": "1", "tools": {"create_charge": {"rules": [
                  {"name": "max single charge", "conditions": [{"path": "args.amount", "op": "lte", "value": 50000}],
                   "on_deny": "Single charge cannot exceed $500.00"},
                  {"name": "daily spend cap", "on_deny": "Daily cap reached",
                   "limits": [{"counter": "create_charge.daily_spend", "window": "day", "max": 1000000, "scope": "global",
                               "increment_from": "args.amount"}]},
                  {"name": "block", "action": "deny"},
                  {"name": "ask", "action": "require_approval"}]}}}
                """);
        ToolEntry entry = policy.tools().get("create_charge");
        assertThat(entry.rules()).extracting(Rule::id).containsExactly("max single charge", "daily spend cap", "block", "ask");
        assertThat(entry.rules()).extracting(Rule::reason).containsExactly("Single charge cannot exceed $500.00",
                "Daily cap reached", "Denied by rule \"block\"", "Approval required by rule \"ask\"");
        assertThat(entry.rules().get(1)).isEqualTo(new Rule.Require("daily spend cap",
                new Condition.All(List.of(), SourcePosition.ofFile("test.json")), "Daily cap reached",
                SourcePosition.ofFile("test.json")));
        Limit spend = entry.limits().get(0);
        assertThat(spend.incrementFrom()).contains(ArgPath.of("amount"));
        assertThat(spend.onDeny()).contains("Daily cap reached");
        assertThat(spend.counter().scope()).isEqualTo(Scope.GLOBAL);
        assertThat(spend.ruleId()).contains("daily spend cap");
    }

    @Test
    void aLimitKnowsTheRuleThatDeclaresItWhereverTheEntryWritesItsOwnLimits() {
        Policy policy = Canonical.policy("""
                {"version": "1", "tools": {"t": {
                  "rules": [{"name": "r", "limits": [{"counter": "by_rule", "window": "minute", "max": 5}]},
                            {"name": "s", "conditions": [{"path": "args.n", "op": "lt", "value": 3}]}],
                  "limits": [{"counter": "by_entry", "window": "minute", "max": 9}]}}}
                """);
        assertThat(policy.tools().get("t").limits())
                .extracting(Limit::id, Limit::ruleId)
                .containsExactly(tuple("by_entry", Optional.empty()), tuple("by_rule", Optional.of("r")));
    }

    @Test
    void positionsComeFromTheSourceMapAndFallBackToTheNearestAncestor() {
        SourceMap map = new SourceMap("policy.yaml");
        map.put("/tools/t", new SourcePosition("policy.yaml", 3, 3));
        map.put("/tools/t/limits/0/max", new SourcePosition("policy.yaml", 7, 14));
        BuildResult result = IrBuilder.build(Canonical.tree("""
                {"version": "1", "tools": {"t": {"limits": [{"counter": "c", "window": "minute", "max": 0}],
                                                 "deny_if": [{"path": "args.x", "op": "lt", "value": "ten"}]}}}
                """), map, "policy");
        assertThat(result.diagnostics()).extracting(Diagnostic::toString).containsExactly(
                "policy.yaml:3:3: error PC061: operator 'lt' needs a number value, got \"ten\"",
                "policy.yaml:7:14: error PC056: max must be a positive integer, got 0");
    }

    @Test
    void positionsOfJsonFixtures() {
        JsonWithPositions.Parsed parsed = JsonWithPositions.read("p.json", """
                {"version": "1",
                 "tools": {
                   "t": {"rules": [
                     {"name": "r", "conditions": [{"path": "nope.x", "op": "eq", "value": 1}]}]}}}
                """);
        BuildResult result = IrBuilder.build(parsed.tree(), parsed.sourceMap(), "p");
        assertThat(result.diagnostics()).extracting(Diagnostic::toString).containsExactly(
                "p.json:4:36: error PC062: path must be 'args.<name>[.<name>...]' or 'state.<scope>.<counter>', "
                        + "got \"nope.x\"");
    }

    @Test
    void reportsEveryErrorOfADocumentInOneRun() {
        BuildResult result = Canonical.build("""
                {"version": "2", "default": "maybe", "hide": [""], "extra": 1,
                 "tools": {
                   "a": {"deny_iff": [], "action": "explode"},
                   "b": {"require": [{"path": "args.x", "op": "like", "value": "y"}, {"path": "x", "op": "eq", "value": 1},
                                     {"path": "args.x", "op": "in", "value": "y"}, {"path": "args.x", "op": "eq"},
                                     {"path": "args.x", "op": "eq", "value": null}, {"all": {}}, {"not": 1, "path": "x"}]},
                   "c": {"limits": [{"counter": "c1", "window": "week", "max": 1.5, "scope": "team", "increment": 0,
                                     "increment_from": "amount", "per": "state.x.y", "algorithm": "leaky"},
                                    {"counter": "c2"}, {"window": "minute"}],
                         "rules": [{"action": "deny", "conditions": [{"path": "args.x", "op": "exists", "value": true}]},
                                   {"name": "r", "action": "maybe"}]}}}
                """);
        assertThat(codes(result)).containsExactlyInAnyOrder(
                "PC050", // extra
                "PC050", // version
                "PC050", // default
                "PC050", // hide ""
                "PC050", // deny_iff
                "PC050", // action explode
                "PC050", // op like
                "PC062", // path x
                "PC061", // in "y"
                "PC050", // missing value
                "PC050", // value null
                "PC050", // all {}
                "PC050", // not with another field
                "PC064", "PC056", "PC050", "PC065", "PC057", "PC057", "PC050", // c1
                "PC063", // c2 has no window
                "PC050", // limit without counter
                "PC050", "PC050", // unnamed rule, deny rule with conditions
                "PC050"); // rule action maybe
        assertThat(result.hasErrors()).isTrue();
    }

    @Test
    void aCounterDefinedTwiceDifferentlyIsReportedAtTheSecondDefinition() {
        JsonWithPositions.Parsed parsed = JsonWithPositions.read("p.json", """
                {"version": "1",
                 "tools": {
                   "a": {"limits": [{"counter": "shared", "window": "minute", "max": 10}]},
                   "b": {"limits": [{"counter": "shared", "window": "hour", "max": 10, "scope": "global"}]}}}
                """);
        BuildResult result = IrBuilder.build(parsed.tree(), parsed.sourceMap(), "p");
        assertThat(result.diagnostics()).extracting(Diagnostic::toString).containsExactly(
                "p.json:4:43: error PC052: counter 'shared' is defined again with a different window: hour here, "
                        + "minute at p.json:3:21",
                "p.json:4:72: error PC052: counter 'shared' is defined again with a different scope: global here, "
                        + "grant at p.json:3:21");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"window\": 0, \"max\": 1          | PC064",
        "\"window\": 1.5, \"max\": 1        | PC064",
        "\"window\": \"fortnight\", \"max\": 1 | PC064",
        "\"window\": 60, \"max\": -1        | PC056",
        "\"window\": 60, \"max\": \"10\"      | PC056",
        "\"window\": 60, \"max\": 1e30      | PC056",
        "\"window\": 60, \"max\": 1, \"increment\": 2.5 | PC065",
        "\"window\": 60, \"max\": 1, \"increment_from\": \"state.t.c\" | PC057",
        "\"window\": 60                  | PC063",
        "\"max\": 60                     | PC063"})
    void invalidLimitFields(String fields, String code) {
        BuildResult result = Canonical.build("{\"version\": \"1\", \"tools\": {\"t\": {\"limits\": [{\"counter\": \"c\", "
                + fields + "}]}}}");
        assertThat(codes(result)).containsExactly(code);
        assertThat(result.policy().tools().get("t").limits()).isEmpty();
    }

    @Test
    void wholeNumbersWrittenWithAFractionAreAccepted() {
        Policy policy = Canonical.policy("""
                {"version": "1", "tools": {"t": {"limits": [{"counter": "c", "window": 60.0, "max": 10.0}]}}}
                """);
        assertThat(policy.counters().get("c").max()).isEqualTo(10);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "args.a.b      | args.a.b",
        "state.t.c     | state.t.c",
        "state._global.calls_per_minute | state._global.calls_per_minute"})
    void validPaths(String text, String expected) {
        assertThat(ValuePath.parse(text)).map(ValuePath::text).contains(expected);
    }

    @ParameterizedTest
    @CsvSource({"args.", "args..a", "args.a.", "state.t", "state..c", "state.t.", "arguments.a", "a", "''"})
    void invalidPaths(String text) {
        assertThat(ValuePath.parse(text)).isEmpty();
    }

    @Test
    void aNonObjectDocumentIsReportedNotThrown() {
        BuildResult result = Canonical.build("[1, 2]");
        assertThat(codes(result)).containsExactly("PC050");
        assertThat(result.diagnostics().get(0).code()).isEqualTo(DiagnosticCode.MALFORMED_CANONICAL_ELEMENT);
    }
}
