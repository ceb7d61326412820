package dev.portcullis.compiler.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import dev.portcullis.compiler.source.ReadLimits;
import dev.portcullis.compiler.source.SourcePosition;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile and broken input: each gets a clear diagnostic with its position, quickly, and never an
 * exception, a hang or an out-of-memory. Big inputs are generated here, not committed.
 */
class HostileInputTest {

    private static final Duration QUICKLY = Duration.ofSeconds(5);
    private static final int TEN_MB = 10 * 1024 * 1024;

    private final FrontEnds frontEnds = FrontEnds.standard();

    private FrontEndResult read(String name, byte[] content) {
        return assertTimeoutPreemptively(QUICKLY, () -> frontEnds.readAndValidate(name, content));
    }

    private FrontEndResult read(String name, String content) {
        return read(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private static Diagnostic only(FrontEndResult result, DiagnosticCode code) {
        assertThat(result.hasErrors()).as("errors expected in %s", result.diagnostics()).isTrue();
        assertThat(result.document()).isEmpty();
        assertThat(result.diagnostics()).extracting(Diagnostic::code).containsExactly(code);
        return result.diagnostics().get(0);
    }

    // --- size ---

    @ParameterizedTest
    @ValueSource(strings = {"big.json", "big.yaml"})
    void tenMegabyteFileIsRefusedBeforeParsing(String name) {
        byte[] content = repeatToSize("{\"version\": \"1\", \"description\": \"" , "x", TEN_MB);
        Diagnostic d = only(read(name, content), DiagnosticCode.FILE_TOO_LARGE);
        assertThat(d.message()).contains(String.valueOf(content.length)).contains(String.valueOf(4 * 1024 * 1024));
    }

    @Test
    void largeButAllowedPolicyLoadsQuickly() {
        StringBuilder json = new StringBuilder("{\"version\": \"1\", \"default\": \"deny\", \"tools\": {");
        int tools = 0;
        while (json.length() < 1_000_000) {
            if (tools > 0) {
                json.append(',');
            }
            json.append("\n  \"tool_").append(tools++).append("\": {\"deny_if\": [{\"path\": \"args.amount\", \"op\": \"gt\", \"value\": ")
                    .append(tools).append("}], \"limits\": [{\"counter\": \"c").append(tools)
                    .append("\", \"window\": \"minute\", \"max\": 10}]}");
        }
        json.append("}}");
        FrontEndResult result = read("large.json", json.toString());
        assertThat(result.diagnostics()).isEmpty();
        assertThat(result.document().orElseThrow().tree().get("tools").size()).isEqualTo(tools);
    }

    @Test
    void emptyAndBlankFilesAreEmpty() {
        assertThat(only(read("empty.json", new byte[0]), DiagnosticCode.EMPTY_FILE).position())
                .isEqualTo(SourcePosition.ofFile("empty.json"));
        only(read("blank.yaml", " \n\t\n"), DiagnosticCode.EMPTY_FILE);
        only(read("comments.yaml", "# nothing here\n"), DiagnosticCode.EMPTY_FILE);
    }

    // --- nesting ---

    @ParameterizedTest
    @ValueSource(strings = {"deep.json", "deep.yaml"})
    void tenThousandDeepArraysAreRefused(String name) {
        Diagnostic d = only(read(name, "[".repeat(10_000) + "]".repeat(10_000)), DiagnosticCode.INPUT_LIMIT_EXCEEDED);
        assertThat(d.message()).contains("100");
        assertThat(d.position().line()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"deep.json", "deep.yaml"})
    void tenThousandDeepObjectsAreRefused(String name) {
        String open = name.endsWith(".json") ? "{\"a\": " : "{a: ";
        only(read(name, open.repeat(10_000) + "1" + "}".repeat(10_000)), DiagnosticCode.INPUT_LIMIT_EXCEEDED);
    }

    @Test
    void deepBlockYamlIsRefused() {
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < 1_000; i++) {
            yaml.append(" ".repeat(i)).append("a:\n");
        }
        Diagnostic d = only(read("deep-block.yaml", yaml.toString()), DiagnosticCode.INPUT_LIMIT_EXCEEDED);
        assertThat(d.position().line()).isBetween(95, 105);
    }

    // --- YAML aliases ---

    @Test
    void billionLaughsIsRefusedQuickly() {
        StringBuilder yaml = new StringBuilder("version: \"1\"\nlol0: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i <= 9; i++) {
            yaml.append("lol").append(i).append(": &lol").append(i).append(" [");
            for (int j = 0; j < 9; j++) {
                yaml.append(j == 0 ? "" : ", ").append("*lol").append(i - 1);
            }
            yaml.append("]\n");
        }
        Diagnostic d = only(read("laughs.yaml", yaml.toString()), DiagnosticCode.YAML_ALIAS_LIMIT);
        assertThat(d.position().line()).isBetween(3, 11);
    }

    @Test
    void manySmallAliasesStayWithinTheBudget() {
        StringBuilder yaml = new StringBuilder("version: \"1\"\ntools:\n  a:\n    rules: &r\n      - name: hourly\n        rate_limit: 5/hour\n");
        for (int i = 0; i < 2_000; i++) {
            yaml.append("  t").append(i).append(":\n    rules: *r\n");
        }
        FrontEndResult result = read("aliases.yaml", yaml.toString());
        assertThat(result.diagnostics()).isEmpty();
        assertThat(result.document().orElseThrow().tree().get("tools").size()).isEqualTo(2_001);
    }

    @Test
    void valueBudgetAppliesWithoutAliasesToo() {
        FrontEnds small = FrontEnds.standard().with("json", new PolicyLayerJsonFrontEnd(new ReadLimits(1 << 20, 100, 1000, 50)));
        String json = "{\"version\": \"1\", \"hide\": [" + "\"a\",".repeat(60) + "\"b\"]}";
        only(assertTimeoutPreemptively(QUICKLY, () -> small.read("many.json", json.getBytes(StandardCharsets.UTF_8))),
                DiagnosticCode.INPUT_LIMIT_EXCEEDED);
    }

    // --- encoding and characters ---

    @ParameterizedTest
    @ValueSource(strings = {"bad.json", "bad.yaml"})
    void invalidUtf8IsReportedWhereItIs(String name) {
        byte[] content = concat("{\"version\": \"1\",\n \"description\": \"caf".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xC3, 0x28}, "\"}".getBytes(StandardCharsets.UTF_8));
        Diagnostic d = only(read(name, content), DiagnosticCode.INVALID_UTF8);
        assertThat(d.position()).isEqualTo(new SourcePosition(name, 2, 21));
        assertThat(d.message()).contains("0xC3");
    }

    @Test
    void overlongAndSurrogateEncodingsAreNotUtf8() {
        only(read("overlong.json", concat("{\"a\": \"".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC0, (byte) 0xAF})),
                DiagnosticCode.INVALID_UTF8);
        only(read("surrogate.json", concat("{\"a\": \"".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})), DiagnosticCode.INVALID_UTF8);
    }

    @Test
    void utf16IsRefusedAndUtf8ByteOrderMarkIsAccepted() {
        only(read("utf16.json", concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, "{}".getBytes(StandardCharsets.UTF_16LE))),
                DiagnosticCode.INVALID_UTF8);
        FrontEndResult bom = read("bom.json", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                "{\"version\": \"1\"}".getBytes(StandardCharsets.UTF_8)));
        assertThat(bom.diagnostics()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "\u0007", "\u001b", "\u007f", "\u0085", "\u202e", "\u2066"})
    void rawControlAndBidiCharactersAreRefusedWithTheirPosition(String character) {
        for (String name : List.of("ctl.json", "ctl.yaml")) {
            String policy = "{\"version\": \"1\",\n \"description\": \"ab" + character + "c\"}";
            Diagnostic d = only(read(name, policy), DiagnosticCode.CONTROL_CHARACTER);
            assertThat(d.position()).isEqualTo(new SourcePosition(name, 2, 20));
            assertThat(d.message()).contains(String.format("U+%04X", (int) character.charAt(0)));
        }
    }

    @Test
    void controlCharactersInYamlCommentsAreRefusedToo() {
        only(read("comment.yaml", "version: \"1\" # \u001b[31mred\n"), DiagnosticCode.CONTROL_CHARACTER);
    }

    @Test
    void escapedControlCharactersAreRefusedInYamlStrings() {
        FrontEndResult result = read("escaped.yaml", "version: \"1\"\ndescription: \"bell \\x07\"\n");
        assertThat(result.diagnostics()).extracting(Diagnostic::code).containsExactly(DiagnosticCode.CONTROL_CHARACTER);
        assertThat(result.diagnostics().get(0).position().line()).isEqualTo(2);
    }

    @Test
    void tabsAndNewlinesInStringsAreFine() {
        FrontEndResult result = read("fine.json", "{\"version\": \"1\", \"description\": \"a\\tb\\nc\\r\"}");
        assertThat(result.diagnostics()).isEmpty();
    }

    // --- values ---

    @ParameterizedTest
    @ValueSource(strings = {"long.json", "long.yaml"})
    void overlongStringsAreRefused(String name) {
        only(read(name, "{\"version\": \"1\", \"description\": \"" + "x".repeat(200_000) + "\"}"),
                DiagnosticCode.INPUT_LIMIT_EXCEEDED);
    }

    /**
     * snakeyaml copies its read window at every refill while it scans one token, so a token of nearly
     * 4 MiB cost several seconds (over 10 s on a cold JVM); read in one buffer it takes milliseconds.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "description: %s | INPUT_LIMIT_EXCEEDED",
        "description: \"%s\" | INPUT_LIMIT_EXCEEDED",
        "description: [%s] | INPUT_LIMIT_EXCEEDED",
        "description: '%s' | INPUT_LIMIT_EXCEEDED",
        "%s: 1 | MALFORMED_YAML"})
    void aYamlTokenOfNearlyTheWholeFileIsRefusedQuickly(String template, DiagnosticCode expected) {
        byte[] content = ("version: \"1\"\n" + template.formatted("x".repeat(4 * 1024 * 1024 - 100)) + "\n")
                .getBytes(StandardCharsets.UTF_8);
        FrontEndResult result = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> frontEnds.readAndValidate("long-token.yaml", content));
        only(result, expected);
    }

    /** Columns of YAML positions are converted to UTF-16 units by walking each line once, not once per value. */
    @Test
    void aLongOneLineYamlListOfEmojiIsReadQuickly() {
        StringBuilder yaml = new StringBuilder("version: \"1\"\ntools: {t: {rules: [{name: r, conditions: "
                + "[{path: args.x, op: in, value: [");
        for (int i = 0; i < 200_000; i++) {
            yaml.append(i == 0 ? "" : ", ").append("\uD83D\uDE00").append(i);
        }
        yaml.append("]}]}]}}\n");
        FrontEndResult result = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> frontEnds.readAndValidate("emoji.yaml", yaml.toString().getBytes(StandardCharsets.UTF_8)));
        assertThat(result.diagnostics()).isEmpty();
    }

    @Test
    void overlongNumbersAreRefused() {
        only(read("number.json", "{\"version\": \"1\", \"x\": " + "9".repeat(5_000) + "}"), DiagnosticCode.INPUT_LIMIT_EXCEEDED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e999", "-1e999"})
    void infiniteNumbersAreRefused(String number) {
        FrontEndResult result = read("inf.json", "{\"version\": \"1\", \"tools\": {\"a\": {\"deny_if\": "
                + "[{\"path\": \"args.x\", \"op\": \"gt\", \"value\": " + number + "}]}}}");
        assertThat(result.diagnostics()).extracting(Diagnostic::code).contains(DiagnosticCode.INPUT_LIMIT_EXCEEDED);
    }

    @Test
    void yamlInfinityIsRefused() {
        FrontEndResult result = read("inf.yaml", "version: \"1\"\ntools:\n  a:\n    rules:\n      - name: r\n"
                + "        conditions:\n          - {path: args.x, op: lt, value: .inf}\n");
        assertThat(result.diagnostics()).extracting(Diagnostic::code).contains(DiagnosticCode.INPUT_LIMIT_EXCEEDED);
    }

    @Test
    void binaryYamlValuesAreRefused() {
        Diagnostic d = only(read("binary.yaml", "version: \"1\"\ndescription: !!binary aGVsbG8=\n"), DiagnosticCode.MALFORMED_YAML);
        assertThat(d.position().line()).isEqualTo(2);
    }

    // --- structure ---

    @Test
    void malformedJsonNamesLineAndColumn() {
        Diagnostic d = only(read("m.json", "{\n  \"version\": \"1\",\n  \"tools\": {\"a\": }\n}"), DiagnosticCode.MALFORMED_JSON);
        assertThat(d.position()).isEqualTo(new SourcePosition("m.json", 3, 18));
        assertThat(d.message()).doesNotContain("\n").doesNotContain("StreamReadConstraints");
    }

    @Test
    void malformedYamlNamesLineAndColumn() {
        Diagnostic d = only(read("m.yaml", "version: \"1\"\ntools:\n  a: {b: 1\n"), DiagnosticCode.MALFORMED_YAML);
        assertThat(d.position().line()).isEqualTo(4);
        assertThat(d.message()).doesNotContain("\n");
    }

    @Test
    void truncatedJsonIsMalformed() {
        only(read("cut.json", "{\"version\": \"1\", \"tools\": {\"a\": {"), DiagnosticCode.MALFORMED_JSON);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"just a string\"", "42", "null", "true", "[]"})
    void topLevelMustBeAnObjectInJson(String value) {
        Diagnostic d = only(read("top.json", value), DiagnosticCode.NOT_AN_OBJECT);
        assertThat(d.position()).isEqualTo(new SourcePosition("top.json", 1, 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"just a string", "42", "~", "- a"})
    void topLevelMustBeAnObjectInYaml(String value) {
        only(read("top.yaml", value), DiagnosticCode.NOT_AN_OBJECT);
    }

    @Test
    void duplicateKeysNameTheFirstOccurrence() {
        FrontEndResult result = read("dup.json", "{\n\"version\": \"1\",\n\"version\": \"1\"\n}");
        assertThat(result.diagnostics()).extracting(Diagnostic::code).containsExactly(DiagnosticCode.DUPLICATE_KEY);
        assertThat(result.diagnostics().get(0).message()).contains("'version'").contains("line 2");
        assertThat(result.diagnostics().get(0).position().line()).isEqualTo(3);
    }

    // --- expensive values reaching the schema and regex checks ---

    @Test
    void longArgumentPathDoesNotOverflowTheSchemaRegex() {
        String path = "args" + ".a".repeat(45_000);
        FrontEndResult result = read("path.json", "{\"version\": \"1\", \"tools\": {\"a\": {\"deny_if\": "
                + "[{\"path\": \"" + path + "\", \"op\": \"eq\", \"value\": 1}, {\"path\": \"" + path + ".\", \"op\": \"eq\", \"value\": 1}]}}}");
        assertThat(result.diagnostics()).extracting(Diagnostic::code).containsExactly(DiagnosticCode.INVALID_FORMAT);
    }

    static Stream<String> regexBombs() {
        return Stream.of("(((a{1000}){1000}){1000})", "a{1000}".repeat(2_000), "(".repeat(5_000) + "a" + ")".repeat(5_000));
    }

    @ParameterizedTest
    @MethodSource("regexBombs")
    void regexBombsAreRefusedBeforeCompiling(String pattern) {
        FrontEndResult result = read("bomb.json", "{\"version\": \"1\", \"tools\": {\"a\": {\"deny_if\": "
                + "[{\"path\": \"args.x\", \"op\": \"regex\", \"value\": \"" + pattern + "\"}]}}}");
        assertThat(result.diagnostics()).extracting(Diagnostic::code).containsExactly(DiagnosticCode.INVALID_REGEX);
        assertThat(result.diagnostics().get(0).message()).containsAnyOf("too large", "nest");
        FrontEndResult yaml = read("bomb.yaml", "version: \"1\"\ntools:\n  a:\n    rules:\n      - name: r\n        conditions:\n"
                + "          - {path: args.x, op: regex, value: \"" + pattern + "\"}\n");
        assertThat(yaml.diagnostics()).extracting(Diagnostic::code).containsExactly(DiagnosticCode.INVALID_REGEX);
    }

    private static byte[] repeatToSize(String prefix, String filler, int size) {
        StringBuilder out = new StringBuilder(size + 16);
        out.append(prefix);
        while (out.length() < size) {
            out.append(filler);
        }
        out.append("\"}");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
