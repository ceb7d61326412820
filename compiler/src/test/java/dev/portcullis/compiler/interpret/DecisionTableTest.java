package dev.portcullis.compiler.interpret;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.compiler.CompilationResult;
import dev.portcullis.compiler.PolicyCompiler;
import dev.portcullis.compiler.ir.Policy;
import dev.portcullis.compiler.testing.Canonical;
import dev.portcullis.compiler.testing.TestCounterStore;
import dev.portcullis.runtime.CompiledPolicy;
import dev.portcullis.runtime.Decision;
import dev.portcullis.runtime.ToolCall;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;

/**
 * The decision tables under {@code src/test/resources/decision-tables/<topic>/}: every policy file of
 * a topic (one per format) must give every call in {@code cases.json} the expected effect and rule,
 * and a reason containing the expected text. Each case starts with fresh counters; {@code prior}
 * identical calls are decided and committed first.
 */
class DecisionTableTest {

    /** A way to turn a topic's policy file into an interpreter. */
    private record Loader(String label, String file, Function<Path, Policy> load) {
    }

    /**
     * Every table runs against each policy file of its topic: the JSON as a bare canonical tree and
     * through the whole pipeline (front end, schema, IR, checks), and the Intercept YAML when the topic
     * has one.
     */
    private static final List<Loader> LOADERS = List.of(
            new Loader("canonical tree", "policy.json", DecisionTableTest::canonicalTree),
            new Loader("PolicyLayer JSON front end", "policy.json", DecisionTableTest::throughFrontEnd),
            new Loader("Intercept YAML front end", "policy.yaml", DecisionTableTest::throughFrontEnd));

    private static Policy canonicalTree(Path file) {
        try {
            return Canonical.policy(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Policy throughFrontEnd(Path file) {
        CompilationResult result = PolicyCompiler.standard().load(file);
        assertThat(result.errors()).as("errors of %s", file).isEmpty();
        return result.policy().orElseThrow();
    }

    @TestFactory
    Stream<DynamicNode> decisionTables() throws IOException, URISyntaxException {
        Path tables = Path.of(Objects.requireNonNull(getClass().getResource("/decision-tables")).toURI());
        List<DynamicNode> topics = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(tables)) {
            for (Path topic : dirs.sorted().toList()) {
                JsonNode cases = Canonical.tree(Files.readString(topic.resolve("cases.json")));
                List<DynamicNode> formats = new ArrayList<>();
                for (Loader loader : LOADERS) {
                    Path file = topic.resolve(loader.file());
                    if (Files.exists(file)) {
                        Policy policy = loader.load().apply(file);
                        formats.add(DynamicContainer.dynamicContainer(loader.label(),
                                cases(cases, () -> new PolicyInterpreter(policy, new TestCounterStore()))));
                    }
                }
                assertThat(formats).as("policy files of %s", topic).isNotEmpty();
                topics.add(DynamicContainer.dynamicContainer(topic.getFileName().toString(), formats));
            }
        }
        assertThat(topics).hasSizeGreaterThanOrEqualTo(6);
        return topics.stream();
    }

    private static Stream<DynamicNode> cases(JsonNode cases, java.util.function.Supplier<CompiledPolicy> policy) {
        List<DynamicNode> tests = new ArrayList<>();
        for (JsonNode row : cases) {
            tests.add(DynamicTest.dynamicTest(row.get("name").stringValue(), () -> check(row, policy.get())));
        }
        return tests.stream();
    }

    private static void check(JsonNode row, CompiledPolicy policy) {
        ToolCall call = ToolCall.builder(row.get("tool").stringValue())
                .arguments(Canonical.args(row.get("args").toString()))
                .grant(row.has("grant") ? row.get("grant").stringValue() : "grant-1")
                .timeMillis(row.has("time") ? row.get("time").longValue() : 0L)
                .build();
        for (int i = 0; i < row.path("prior").asInt(0); i++) {
            policy.decide(call);
        }
        Decision decision = policy.decide(call);
        assertThat(decision.effect().wireName()).as("effect of %s", decision).isEqualTo(row.get("effect").stringValue());
        assertThat(decision.ruleId()).as("rule of %s", decision).isEqualTo(row.get("rule").stringValue());
        if (row.has("reason")) {
            assertThat(decision.reason()).as("reason of %s", decision).contains(row.get("reason").stringValue());
        }
    }
}
