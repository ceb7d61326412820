package dev.portcullis.compiler.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;

/**
 * docs/dsl.md is the language reference: every ```policy example in it reads without diagnostics,
 * passes the canonical schema, lowers to the ```json block that follows it, and prints back to an
 * equal tree. An example preceded by {@code <!-- file: name -->} is also that file for the
 * includes of later examples.
 */
class DslDocumentationTest {

    private static final Path REFERENCE = Path.of("..", "docs", "dsl.md");
    private static final Pattern BLOCK = Pattern.compile(
            "(?:<!-- file: (?<file>[^ ]+) -->\\n)?```(?<lang>[a-z]*)\\n(?<body>.*?)```", Pattern.DOTALL);

    private record Example(int number, String file, String policy, String json) {
    }

    private static List<Example> examples() throws IOException {
        String text = Files.readString(REFERENCE);
        List<Example> examples = new ArrayList<>();
        Matcher block = BLOCK.matcher(text);
        String pendingPolicy = null;
        String pendingFile = null;
        while (block.find()) {
            String lang = block.group("lang");
            if (pendingPolicy != null) {
                assertThat(lang).as("the block after policy example %d", examples.size() + 1).isEqualTo("json");
                examples.add(new Example(examples.size() + 1, pendingFile, pendingPolicy, block.group("body")));
                pendingPolicy = null;
            } else if (lang.equals("policy")) {
                pendingPolicy = block.group("body");
                pendingFile = block.group("file");
            }
        }
        assertThat(pendingPolicy).as("a policy example without its JSON twin").isNull();
        return examples;
    }

    @Test
    void theReferenceHasExamplesOfEveryConstruct() throws IOException {
        String policies = String.join("\n", examples().stream().map(Example::policy).toList());
        for (String construct : List.of("policy ", "description ", "default ", "hide ", "counter ", "tool ",
                "all tools", "allow", "deny ", "require approval", "require ", " else ", "deny if", "limit ", "rule ",
                " not ", " and ", " or ", "(", " in ", " not in ", " matches ", " startsWith ", " endsWith ",
                " contains ", " exists", " not exists", "==", "!=", "<", "<=", ">", ">=", "per minute", "per 90s",
                "per 1h", "per grant", "per session", "per args.", "globally", "sliding", "token bucket", "fixed",
                "increment by 2", "increment by args.", "include ", "#", "//", "/*", "{\"")) {
            assertThat(policies).as("an example with %s", construct).contains(construct);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyExampleLowersToItsJsonTwin() throws IOException {
        List<Example> examples = examples();
        Map<String, String> files = new LinkedHashMap<>();
        for (Example example : examples) {
            if (example.file() != null) {
                files.put(example.file(), example.policy());
            }
        }
        return examples.stream().map(example -> DynamicTest.dynamicTest(
                "example " + example.number() + (example.file() != null ? " (" + example.file() + ")" : ""), () -> {
                    String name = example.file() != null ? example.file() : "example-" + example.number() + ".policy";
                    Map<String, String> all = new LinkedHashMap<>(files);
                    all.put(name, example.policy());
                    JsonNode tree = Dsl.documentOf(Dsl.read(all, name), example.policy()).tree();
                    assertThat(tree).as("example %d:%n%s", example.number(), example.policy())
                            .isEqualTo(Dsl.json(example.json()));
                    String printed = DslPrinter.print(tree);
                    assertThat(Dsl.lower(printed)).as("printed:%n%s", printed).isEqualTo(tree);
                }));
    }
}
