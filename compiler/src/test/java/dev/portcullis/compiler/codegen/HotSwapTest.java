package dev.portcullis.compiler.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.compiler.testing.Canonical;
import dev.portcullis.runtime.CompiledPolicy;
import dev.portcullis.runtime.Effect;
import dev.portcullis.runtime.ToolCall;
import dev.portcullis.runtime.loader.PolicyLoader;
import dev.portcullis.runtime.loader.RetainingCounterStore;
import dev.portcullis.runtime.loader.SwappablePolicy;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reloading a precompiled policy while serving: atomic swap, counters kept when their definition is unchanged. */
class HotSwapTest {

    private static final String VERSION = """
            {"version": "1", "name": "reload", "default": "deny", "tools": {
              "send": {"require": [{"path": "args.to", "op": "ends_with", "value": "%s"}],
                       "limits": [{"counter": "sends", "window": "hour", "max": %d}]}}}""";

    private final BytecodeCompiler compiler = new BytecodeCompiler();

    @Test
    void countersSurviveASwapUnlessTheirDefinitionChanges(@TempDir Path temp) throws Exception {
        RetainingCounterStore counters = new RetainingCounterStore();
        SwappablePolicy policy = new SwappablePolicy(load(temp.resolve("v1"), "@example.com", 3, counters));
        ToolCall mail = ToolCall.builder("send").arguments(Map.of("to", "a@example.com")).grant("g").timeMillis(1_000).build();
        assertThat(policy.decide(mail).isAllowed()).isTrue();
        assertThat(policy.decide(mail).isAllowed()).isTrue();

        CompiledPolicy first = policy.current();
        CompiledPolicy replaced = policy.swap(load(temp.resolve("v2"), "example.com", 3, counters));
        assertThat(replaced).isSameAs(first);
        assertThat(policy.decide(mail).isAllowed()).as("third of three, counted across the swap").isTrue();
        assertThat(policy.decide(mail).rateLimitDenial()).get().satisfies(denial -> {
            assertThat(denial.counter()).isEqualTo("sends");
            assertThat(denial.count()).isEqualTo(3);
        });
        ToolCall other = ToolCall.builder("send").arguments(Map.of("to", "b@sub.example.com")).grant("g").build();
        assertThat(policy.decide(other).ruleId()).as("the new rules apply").isEqualTo("sends");

        policy.swap(load(temp.resolve("v3"), "example.com", 5, counters));
        assertThat(policy.decide(mail).effect()).as("max changed: a fresh budget").isEqualTo(Effect.ALLOW);
        assertThat(counters.counter(new dev.portcullis.runtime.counter.CounterSpec("sends",
                dev.portcullis.runtime.counter.Algorithm.FIXED, 5, 3_600_000)).count("g", 1_000)).isEqualTo(1);
    }

    private CompiledPolicy load(Path out, String domain, int max, RetainingCounterStore counters) throws Exception {
        CompiledPolicyClass compiled = compiler.compile(Canonical.policy(VERSION.formatted(domain, max))).compiled().orElseThrow();
        return PolicyLoader.load(PrecompiledPolicyWriter.write(compiled, out), counters);
    }
}
