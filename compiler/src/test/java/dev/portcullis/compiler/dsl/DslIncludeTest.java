package dev.portcullis.compiler.dsl;

import static dev.portcullis.compiler.dsl.Dsl.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.compiler.source.SourcePosition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class DslIncludeTest {

    private static JsonNode lower(Map<String, String> files, String root) {
        DslReadResult result = Dsl.read(files, root);
        return Dsl.documentOf(result, root).tree();
    }

    @Test
    void includedStatementsJoinWhereTheIncludeStands() {
        Map<String, String> files = Map.of(
                "policies/main.policy", """
                        policy "main" default deny
                        hide drop_table
                        include "../common/limits.policy"
                        tool start_fhir_export_job { limit exports }
                        """,
                "common/limits.policy", """
                        policy "shared limits"
                        counter exports = 10 per minute per grant
                        hide delete_everything
                        tool list_* { allow }
                        """);
        assertThat(lower(files, "policies/main.policy")).isEqualTo(json("""
                {"version": "1", "name": "main", "default": "deny", "hide": ["drop_table", "delete_everything"],
                 "counters": {"exports": {"window": "minute", "max": 10, "scope": "grant"}},
                 "tools": {"list_*": {"action": "allow"}, "start_fhir_export_job": {"limits": [{"counter": "exports"}]}}}"""));
    }

    @Test
    void positionsPointIntoTheIncludedFile() {
        Map<String, String> files = Map.of(
                "main.policy", "include \"tools.policy\"\n",
                "tools.policy", "\n\ntool list_* { allow }\n");
        DslReadResult result = Dsl.read(files, "main.policy");
        assertThat(Dsl.documentOf(result, "main").sourceMap().positionOf("/tools/list_*/action"))
                .isEqualTo(new SourcePosition("tools.policy", 3, 15));
        assertThat(result.sources()).containsOnlyKeys("main.policy", "tools.policy");
    }

    @Test
    void aFileIncludedTwiceIsReadOnce() {
        Map<String, String> files = Map.of(
                "main.policy", "include \"a.policy\"\ninclude \"b.policy\"\n",
                "a.policy", "include \"common.policy\"\ntool a {}",
                "b.policy", "include \"./common.policy\"\ntool b {}",
                "common.policy", "counter shared = 1 per minute\ntool common { limit shared }");
        assertThat(lower(files, "main.policy").get("tools").propertyNames()).containsExactly("common", "a", "b");
    }

    @Test
    void aCycleIsReportedWithItsPath() {
        Map<String, String> files = Map.of(
                "main.policy", "include \"a.policy\"\n",
                "a.policy", "tool a {}\ninclude \"b.policy\"\n",
                "b.policy", "include \"a.policy\"\n");
        DslReadResult result = Dsl.read(files, "main.policy");
        assertThat(result.result().document()).isEmpty();
        assertThat(result.renderDiagnostics()).isEqualTo("""
                b.policy:1:1: error PC110: include cycle: a.policy -> b.policy -> a.policy
                include "a.policy"
                ^
                """);
    }

    @Test
    void aFileIncludingItselfIsACycle() {
        DslReadResult result = Dsl.read(Map.of("self.policy", "include \"self.policy\""), "self.policy");
        assertThat(Dsl.messages(result)).containsExactly(
                "self.policy:1:1: error PC110: include cycle: self.policy -> self.policy");
    }

    @Test
    void aMissingFileIsReportedAtTheInclude() {
        DslReadResult result = Dsl.read(Map.of("main.policy", "tool a {}\ninclude \"nowhere.policy\""), "main.policy");
        assertThat(Dsl.messages(result)).containsExactly(
                "main.policy:2:1: error PC111: cannot include \"nowhere.policy\": no such file");
    }

    @Test
    void errorsInAnIncludedFileNameThatFile() {
        Map<String, String> files = Map.of(
                "main.policy", "include \"bad.policy\"\ntool ok {}",
                "bad.policy", "tool broken { alow }");
        DslReadResult result = Dsl.read(files, "main.policy");
        assertThat(result.renderDiagnostics()).startsWith("bad.policy:1:15: error PC100:").contains("tool broken { alow }");
    }

    @Test
    void anIncludedFileThatIsNoPolicyIsRefusedWithoutQuotingIt() {
        Map<String, String> files = Map.of(
                "main.policy", "include \"passwd.policy\"\ntool ok {}",
                "passwd.policy", "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n");
        DslReadResult result = Dsl.read(files, "main.policy");
        assertThat(Dsl.messages(result)).containsExactly("main.policy:1:1: error PC121: cannot include \"passwd.policy\":"
                + " it does not start like a policy (with a statement such as 'tool' or 'counter', or a JSON object of"
                + " policy fields), so none of it is shown");
        assertThat(result.renderDiagnostics()).doesNotContain("root:").doesNotContain("daemon");
        assertThat(result.sources()).containsOnlyKeys("main.policy");
    }

    @Test
    void anIncludedJsonObjectWithNoPolicyFieldsIsRefusedWithoutQuotingIt() {
        Map<String, String> files = Map.of(
                "main.policy", "include \"key.json\"",
                "key.json", """
                        {"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEvQ\\n"}""");
        DslReadResult result = Dsl.read(files, "main.policy");
        assertThat(Dsl.codes(result)).containsExactly("PC121");
        assertThat(result.renderDiagnostics()).doesNotContain("private_key").doesNotContain("BEGIN");
    }

    @Test
    void fragmentsThatStartLikePoliciesAreIncluded() {
        Map<String, String> files = Map.of(
                "main.policy", """
                        include "commented.policy"
                        include "only-comments.policy"
                        include "schema.json"
                        include "empty.json"
                        """,
                "commented.policy", "# shared tools\n// reviewed\n/* by security */ tool commented {}",
                "only-comments.policy", "# nothing here yet\n",
                "schema.json", "{\"$schema\": \"https://example.com/policy-1.schema.json\", \"version\": \"1\","
                        + " \"tools\": {\"schema\": {}}}",
                "empty.json", "{}");
        assertThat(lower(files, "main.policy").get("tools").propertyNames()).containsExactly("commented", "schema");
    }

    @Test
    void declarationsMustNotCollideAcrossFiles() {
        Map<String, String> files = Map.of(
                "main.policy", "tool a {}\ncounter c = 1 per minute\ndefault deny\ninclude \"other.policy\"",
                "other.policy", "tool a { deny }\ncounter c = 2 per minute\ndefault allow");
        assertThat(Dsl.messages(Dsl.read(files, "main.policy"))).containsExactlyInAnyOrder(
                "other.policy:1:6: error PC105: tool 'a' is already declared at main.policy:1:6",
                "other.policy:2:9: error PC104: counter 'c' is already declared at main.policy:2:9",
                "other.policy:3:1: error PC107: 'default allow' conflicts with 'default deny' at main.policy:3:1");
    }

    @Test
    void aCounterMayBeUsedBeforeTheFileDeclaringItIsIncluded() {
        Map<String, String> files = Map.of(
                "main.policy", "tool a { limit shared }\ninclude \"counters.policy\"",
                "counters.policy", "counter shared = 5 per hour");
        assertThat(lower(files, "main.policy").at("/counters/shared/max").intValue()).isEqualTo(5);
    }

    @Test
    void anIncludedJsonDocumentMeansWhatItMeansAsJson() {
        Map<String, String> files = Map.of(
                "main.policy", "default deny\ninclude \"legacy.json\"\ntool new_tool { allow }",
                "legacy.json", """
                        {"version": "1", "name": "legacy", "default": "deny", "hide": ["drop"],
                         "tools": {"export": {"rate_limit": {"max": 10, "window": 60}}}}""");
        DslReadResult result = Dsl.read(files, "main.policy");
        assertThat(Dsl.documentOf(result, "main").tree()).isEqualTo(json("""
                {"version": "1", "default": "deny", "hide": ["drop"],
                 "tools": {"export": {"limits": [{"counter": "export.rate_limit", "window": 60, "max": 10,
                                                   "scope": "grant"}]},
                           "new_tool": {"action": "allow"}}}"""));
        assertThat(result.result().document().orElseThrow().sourceMap().positionOf("/tools/export"))
                .isEqualTo(new SourcePosition("legacy.json", 2, 12));
    }

    @Test
    void anIncludedJsonDocumentMayNameItsSchema() {
        Map<String, String> files = Map.of(
                "main.policy", "include \"legacy.json\"",
                "legacy.json", "{\"$schema\": \"https://example.com/policy-1.schema.json\", \"version\": \"1\","
                        + " \"tools\": {\"legacy\": {}}}");
        assertThat(lower(files, "main.policy").get("tools").propertyNames()).containsExactly("legacy");
    }

    @Test
    void anIncludedJsonDocumentWithFieldsThatCannotMergeIsAnError() {
        Map<String, String> files = Map.of(
                "main.policy", "include \"legacy.json\"",
                "legacy.json", "{\"version\": \"1\", \"hide\": \"drop\"}");
        assertThat(Dsl.messages(Dsl.read(files, "main.policy"))).containsExactly(
                "legacy.json:1:18: error PC120: \"hide\" in an included JSON document must be an array");
    }

    @Test
    void includesCanBeDisabled() {
        assertThat(Dsl.messages(Dsl.read("include \"x.policy\""))).containsExactly(
                "test.policy:1:1: error PC113: cannot include \"x.policy\": includes are not enabled for this reader");
    }

    @Test
    void aChainOfIncludesTooDeepToBeSensibleIsRefused() {
        Map<String, String> files = new HashMap<>();
        for (int i = 0; i < 40; i++) {
            files.put("f" + i + ".policy", "include \"f" + (i + 1) + ".policy\"");
        }
        files.put("f40.policy", "tool end {}");
        assertThat(Dsl.codes(Dsl.read(files, "f0.policy"))).containsExactly("PC112");
    }

    @Test
    void theFileSystemResolverReadsRelativeToTheIncludingFile(@TempDir Path folder) throws IOException {
        Files.createDirectories(folder.resolve("policies/common"));
        Files.writeString(folder.resolve("policies/common/read.policy"), "tool list_* { allow }");
        Path main = folder.resolve("policies/main.policy");
        Files.writeString(main, "include \"common/read.policy\"\ntool delete_* { deny }");
        DslReadResult result = new DslFrontEnd().parse(main.toString(), Files.readAllBytes(main));
        assertThat(Dsl.documentOf(result, "main").tree().get("tools").propertyNames())
                .containsExactly("list_*", "delete_*");
    }

    @Test
    void resolutionNormalisesRelativePaths() {
        IncludeResolver resolver = resolved -> resolved.getBytes(StandardCharsets.UTF_8);
        assertThat(resolver.resolve("policies/main.policy", "../common/./limits.policy")).isEqualTo("common/limits.policy");
        assertThat(resolver.resolve("main.policy", "limits.policy")).isEqualTo("limits.policy");
        assertThat(resolver.resolve("a/b/main.policy", "/etc/shared.policy")).isEqualTo("/etc/shared.policy");
    }
}
