package dev.portcullis.compiler.dsl;

import static dev.portcullis.compiler.dsl.Dsl.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What {@code fmt} writes for particular shapes, and that each reads back to the same tree. */
class DslPrinterTest {

    /** Prints {@code canonicalJson} and reads it back (without the schema: some shapes here are deliberately odd). */
    private static String printsAndReadsBack(String canonicalJson) {
        JsonNode tree = json(canonicalJson);
        String printed = DslPrinter.print(tree);
        DslReadResult reread = Dsl.read(printed);
        assertThat(reread.result().diagnostics()).as("reading%n%s", printed).isEmpty();
        assertThat(reread.result().document().orElseThrow().tree()).as("read back from%n%s", printed).isEqualTo(tree);
        return printed;
    }

    @Test
    void statementsInAFixedOrderWithOneLineBlocksTogether() {
        assertThat(printsAndReadsBack("""
                {"version": "1", "tools": {"b": {}, "a": {"action": "allow"},
                  "c": {"require": [{"path": "args.x", "op": "eq", "value": 1}], "action": "deny", "reason": "r"}},
                 "counters": {"k": {"max": 1, "window": 60}}, "default": "deny", "hide": ["z"], "name": "n",
                 "all_tools": {"limits": [{"counter": "k"}]}}""")).isEqualTo("""
                policy "n"
                default deny

                hide z

                counter k = 1 per 1m

                all tools { limit k }
                tool b {}
                tool a { allow }

                tool c {
                  deny "r"
                  require args.x == 1
                }
                """);
    }

    @Test
    void windowsInTheLargestWholeUnit() {
        assertThat(printsAndReadsBack("""
                {"version": "1", "counters": {"a": {"max": 1, "window": 90}, "b": {"max": 1, "window": 5400},
                  "c": {"max": 1, "window": 7200}, "d": {"max": 1, "window": 172800}, "e": {"max": 1, "window": "day"}}}"""))
                .contains("a = 1 per 90s", "b = 1 per 90m", "c = 1 per 2h", "d = 1 per 2d", "e = 1 per day");
    }

    @Test
    void namesThatAreNotWordsAreQuoted() {
        assertThat(printsAndReadsBack("""
                {"version": "1", "tools": {"my tool": {"limits": [{"counter": "with space", "window": "hour", "max": 1}]},
                  "a.b": {}, "list_*": {}, "2fa": {}, "deny": {}}}"""))
                .contains("tool \"my tool\" { limit \"with space\" = 1 per hour }", "tool a.b {}", "tool list_* {}",
                        "tool \"2fa\" {}", "tool deny {}");
    }

    @Test
    void nestedCombinationsKeepTheirParentheses() {
        assertThat(printsAndReadsBack("""
                {"version": "1", "tools": {"t": {"require": [
                  {"all": [{"path": "args.a", "op": "eq", "value": 1}, {"path": "args.b", "op": "eq", "value": 2}]},
                  {"any": [{"path": "args.a", "op": "eq", "value": 1},
                           {"all": [{"path": "args.b", "op": "eq", "value": 2}, {"not": {"any": [
                              {"path": "args.c", "op": "exists", "value": true},
                              {"path": "args.d", "op": "exists", "value": false}]}}]}]}]}}}"""))
                .contains("  require (args.a == 1 and args.b == 2)\n",
                        "  require args.a == 1 or (args.b == 2 and not (args.c exists or args.d not exists))\n");
    }

    @Test
    void shapesNoStatementSaysAreWrittenAsJsonInPlace() {
        String printed = printsAndReadsBack("""
                {"version": "1", "counters": {"odd": {"max": 1, "window": 60, "burst": 2}},
                 "tools": {
                   "empty_lists": {"require": []},
                   "reason_alone": {"reason": "why"},
                   "t": {"rules": [
                     {"name": "explicit", "action": "evaluate", "conditions": [{"path": "args.a", "op": "exists", "value": true}]},
                     {"name": "bare"},
                     {"name": "conditional deny", "action": "deny", "conditions": [{"path": "args.a", "op": "eq", "value": 1}]},
                     {"name": "single", "conditions": [{"all": [{"path": "args.a", "op": "eq", "value": 1}]}]},
                     {"name": "both increments", "limits": [{"counter": "c", "window": 1, "max": 1, "increment": 2,
                                                             "increment_from": "args.n"}]}]}}}""");
        assertThat(printed).contains(
                "counter odd = {\"max\": 1, \"window\": 60, \"burst\": 2}",
                "tool empty_lists {\"require\": []}",
                "tool reason_alone {\"reason\": \"why\"}",
                "rule {\"name\": \"explicit\", \"action\": \"evaluate\"",
                "rule {\"name\": \"bare\"}",
                "rule {\"name\": \"conditional deny\", \"action\": \"deny\"",
                "rule \"single\" require {\"all\": [{\"path\": \"args.a\", \"op\": \"eq\", \"value\": 1}]}",
                "rule \"both increments\" limit {\"counter\": \"c\"");
    }

    @Test
    void aLimitNamingAnUndeclaredCounterOrRedefiningADeclaredOneIsJson() {
        assertThat(printsAndReadsBack("""
                {"version": "1", "counters": {"k": {"max": 1, "window": "minute"}},
                 "tools": {"t": {"limits": [{"counter": "k"}, {"counter": "k", "max": 2, "window": "hour"},
                                            {"counter": "nowhere"}]}}}"""))
                .contains("limit k\n", "limit {\"counter\": \"k\", \"max\": 2, \"window\": \"hour\"}",
                        "limit {\"counter\": \"nowhere\"}");
    }

    @Test
    void anUnnamedLimitIsWrittenUnnamedOnlyWhenItsNameIsUnambiguous() {
        assertThat(printsAndReadsBack("""
                {"version": "1", "tools": {"t": {"limits": [
                  {"counter": "t._rate_minute", "window": "minute", "max": 1}]},
                  "u": {"limits": [{"counter": "u._rate_hour", "window": "hour", "max": 1},
                                   {"counter": "u._rate_hour", "window": "hour", "max": 2}]}}}"""))
                .contains("tool t { limit 1 per minute }", "limit u._rate_hour = 1 per hour", "limit u._rate_hour = 2 per hour");
    }

    @Test
    void aDocumentWithNothingButItsVersionOrWithFieldsTheDslLacksIsJson() {
        assertThat(printsAndReadsBack("{\"version\": \"1\"}")).startsWith("{");
        assertThat(printsAndReadsBack("{\"version\": \"1\", \"$schema\": \"x\", \"tools\": {\"a\": {}}}")).startsWith("{");
        assertThat(printsAndReadsBack("{\"version\": \"1\", \"tools\": {}}")).startsWith("{");
    }

    @Test
    void stringsAreEscapedAsJsonAndForbiddenCharactersNeverWrittenRaw() {
        assertThat(DslNames.quote("a\"b\\c\nd\te\u0085f\u202eg\ud800")).isEqualTo("\"a\\\"b\\\\c\\nd\\te\\u0085f\\u202eg\\ud800\"");
        assertThat(printsAndReadsBack("{\"version\": \"1\", \"description\": \"tab\\there \u2603\"}"))
                .isEqualTo("description \"tab\\there \u2603\"\n");
    }

    @Test
    void onlyADocumentCanBePrinted() {
        assertThatThrownBy(() -> DslPrinter.print(json("[1]"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DslPrinter.print(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
