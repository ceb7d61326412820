package dev.portcullis.compiler.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.compiler.interpret.PolicyInterpreter;
import dev.portcullis.compiler.ir.Policy;
import dev.portcullis.compiler.testing.Canonical;
import dev.portcullis.runtime.CompiledPolicy;
import dev.portcullis.runtime.Decision;
import dev.portcullis.runtime.ToolCall;
import dev.portcullis.runtime.counter.InMemoryCounterStore;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;

/**
 * Every row of the interpreter's decision tables ({@code src/test/resources/decision-tables}), decided by
 * the compiled policy: the same decision as the interpreter, field for field, including counter details.
 */
class DecisionTablesCompiledTest {

    private final BytecodeCompiler compiler = new BytecodeCompiler();

    @TestFactory
    Stream<DynamicNode> compiledPoliciesDecideAsTheInterpreter() throws IOException, URISyntaxException {
        Path tables = Path.of(Objects.requireNonNull(getClass().getResource("/decision-tables")).toURI());
        List<DynamicNode> tests = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(tables)) {
            for (Path topic : dirs.sorted().toList()) {
                Policy policy = Canonical.policy(Files.readString(topic.resolve("policy.json")));
                CompiledPolicyClass compiled = compiler.compile(policy).compiled().orElseThrow();
                for (JsonNode row : Canonical.tree(Files.readString(topic.resolve("cases.json")))) {
                    tests.add(DynamicTest.dynamicTest(topic.getFileName() + ": " + row.get("name").stringValue(),
                            () -> check(row, policy, compiled)));
                }
            }
        }
        assertThat(tests).hasSizeGreaterThan(50);
        return tests.stream();
    }

    private static void check(JsonNode row, Policy policy, CompiledPolicyClass compiled) {
        CompiledPolicy interpreter = new PolicyInterpreter(policy, new InMemoryCounterStore());
        CompiledPolicy bytecode = compiled.instantiate(new InMemoryCounterStore());
        assertThat(bytecode.getClass().getName()).startsWith("dev.portcullis.generated.Policy_");
        ToolCall call = ToolCall.builder(row.get("tool").stringValue())
                .arguments(Canonical.args(row.get("args").toString()))
                .grant(row.has("grant") ? row.get("grant").stringValue() : "grant-1")
                .timeMillis(row.has("time") ? row.get("time").longValue() : 0L)
                .build();
        for (int i = 0; i <= row.path("prior").asInt(0); i++) {
            Decision expected = interpreter.decide(call);
            assertThat(bytecode.decide(call)).isEqualTo(expected);
            assertThat(expected.effect().wireName()).isEqualTo(i < row.path("prior").asInt(0)
                    ? expected.effect().wireName() : row.get("effect").stringValue());
        }
    }
}
