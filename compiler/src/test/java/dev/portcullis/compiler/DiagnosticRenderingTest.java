package dev.portcullis.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Diagnostics print exactly as {@code file:line:col: severity PC0xx: message}, one line each, with the
 * file named as the user named it and the line and column of the offending element in that file.
 */
class DiagnosticRenderingTest {

    private static final Path FOLDER = Path.of("target", "diagnostic-rendering", "policies");

    private static CompilationResult load(String fileName, String content) throws IOException {
        Files.createDirectories(FOLDER);
        Path file = FOLDER.resolve(fileName);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return PolicyCompiler.standard().load(file);
    }

    @Test
    void jsonDiagnosticsNameTheRelativePathTheLineAndTheColumnOfTheElement() throws IOException {
        CompilationResult result = load("bad.json", """
                {
                  "version": "1",
                  "defualt": "deny",
                  "tools": {
                    "a": {"limits": [{"counter": "c", "window": "minute", "max": 0}]}
                  }
                }
                """);

        assertThat(result.diagnostics()).extracting(Diagnostic::toString).containsExactly(
                "target/diagnostic-rendering/policies/bad.json:3:3: error PC015: unknown field 'defualt' in the policy"
                        + " (did you mean 'default'?)",
                "target/diagnostic-rendering/policies/bad.json:5:59: error PC019: tools.a.limits[0].max must be at"
                        + " least 1, found 0");
    }

    @Test
    void yamlDiagnosticsPointIntoTheYamlFileNotTheCanonicalTree() throws IOException {
        CompilationResult result = load("bad.yaml", """
                version: "1"
                tools:
                  a:
                    rules:
                      - name: r
                        action: dny
                """);

        assertThat(result.diagnostics()).extracting(Diagnostic::toString).containsExactly(
                "target/diagnostic-rendering/policies/bad.yaml:6:9: error PC017: tools.a.rules[0].action must be one of"
                        + " \"evaluate\", \"deny\", \"require_approval\", found \"dny\" (did you mean 'deny'?)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"de-DE", "tr-TR", "fr-FR", "zh-CN"})
    void messagesReadTheSameWhateverTheDefaultLocale(String languageTag) {
        Locale original = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag(languageTag));
        try {
            CompilationResult result = PolicyCompiler.standard().load("policies/l.json", """
                    {"version": "1", "tools": {"": {}, "b": {"DENY_IF": [], "limits": [
                      {"counter": "c", "window": "minute", "max": 1.5}]}}}
                    """.getBytes(StandardCharsets.UTF_8));

            assertThat(result.diagnostics()).extracting(Diagnostic::toString).containsExactly(
                    "policies/l.json:1:28: error PC020: a key of tools must be a non-empty tool name or glob,"
                            + " found \"\"",
                    "policies/l.json:1:42: error PC015: unknown field 'DENY_IF' in tools.b (did you mean 'deny_if'?)",
                    "policies/l.json:2:40: error PC016: tools.b.limits[0].max must be an integer, found 1.5");
        } finally {
            Locale.setDefault(original);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"policies/emoji.json", "policies/emoji.yaml"})
    void columnsCountUtf16UnitsInJsonAndYamlAlike(String name) {
        // the same text is a JSON object and a YAML flow mapping; two emoji take four UTF-16 units
        CompilationResult result = PolicyCompiler.standard().load(name,
                "{\"description\": \"\uD83D\uDE00\uD83D\uDE00\", \"defualt\": \"deny\", \"version\": \"1\"}"
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(result.diagnostics()).extracting(Diagnostic::toString).containsExactly(
                name + ":1:25: error PC015: unknown field 'defualt' in the policy (did you mean 'default'?)");
    }

    @Test
    void aNearMissOfTheRateLimitShorthandIsSuggestedToo() {
        CompilationResult result = PolicyCompiler.standard().load("policies/faq.json", """
                {"version": "1", "tools": {"a": {"rateLimit": {"max": 1, "window": 60}}},
                 "all_tools": {"rate_limt": {"max": 1, "window": 60}}}
                """.getBytes(StandardCharsets.UTF_8));

        assertThat(result.diagnostics()).extracting(Diagnostic::toString).containsExactly(
                "policies/faq.json:1:34: error PC015: unknown field 'rateLimit' in tools.a (did you mean 'rate_limit'?)",
                "policies/faq.json:2:16: error PC015: unknown field 'rate_limt' in all_tools (did you mean 'rate_limit'?)");
    }

    @Test
    void allowedValuesShowTheirJsonTypeSoNoneSeemsListedTwice() {
        CompilationResult result = PolicyCompiler.standard().load("policies/v.yaml",
                "version: \"2\"\n".getBytes(StandardCharsets.UTF_8));

        assertThat(result.diagnostics()).extracting(Diagnostic::toString).containsExactly(
                "policies/v.yaml:1:1: error PC017: version must be one of \"1\", 1, found \"2\"");
    }

    @Test
    void warningsOfTheChecksPointIntoTheYamlFileToo() throws IOException {
        CompilationResult result = load("shadowed.yaml", """
                version: "1"
                tools:
                  create_charge:
                    rules:
                      - name: block
                        action: deny
                      - name: after block
                        conditions:
                          - path: args.amount
                            op: lte
                            value: 10
                """);

        assertThat(result.diagnostics()).extracting(Diagnostic::toString).containsExactly(
                "target/diagnostic-rendering/policies/shadowed.yaml:7:9: warning PC055: rule 'after block' can never"
                        + " decide: 'block' before it denies every call");
    }

    @Test
    void lineBreaksFromThePolicyAreEscapedSoEachDiagnosticStaysOneLine() {
        String forged = "x\npolicies/other.json:1:1: error PC001: forged";
        CompilationResult result = PolicyCompiler.standard().load("policies/p.json",
                ("{\"version\": \"1\", \"" + forged.replace("\n", "\\n") + "\": 1, \"default\": \"al\\u2028low\"}")
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(result.diagnostics()).extracting(Diagnostic::toString).containsExactly(
                "policies/p.json:1:18: error PC015: unknown field 'x\\npolicies/other.json:1:1: error PC001: forged'"
                        + " in the policy",
                "policies/p.json:1:72: error PC017: default must be one of \"allow\", \"deny\", found \"al\\u2028low\""
                        + " (did you mean 'allow'?)");
        assertThat(result.diagnostics()).allSatisfy(d -> assertThat(d.toString()).doesNotContain("\n", "\u2028"));
    }
}
