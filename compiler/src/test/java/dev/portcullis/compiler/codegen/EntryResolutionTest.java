package dev.portcullis.compiler.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.compiler.interpret.PolicyInterpreter;
import dev.portcullis.compiler.ir.Policy;
import dev.portcullis.compiler.testing.Canonical;
import dev.portcullis.runtime.CompiledPolicy;
import dev.portcullis.runtime.ToolCall;
import dev.portcullis.runtime.counter.InMemoryCounterStore;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Tool names resolved by globs are remembered only up to a bound: past it, a flood of invented names
 * is still decided correctly, glob matches included, and hidden tools stay hidden.
 */
class EntryResolutionTest {

    @Test
    void aFloodOfNamesIsDecidedAsTheInterpreterDoes() {
        Policy policy = Canonical.policy("""
                {"version": "1", "default": "deny", "hide": ["list_secret"], "tools": {
                  "list_*": {}, "*_job": {"action": "require_approval"}, "read": {}}}""");
        CompiledPolicy compiled = new BytecodeCompiler().compile(policy).compiled().orElseThrow()
                .instantiate(new InMemoryCounterStore());
        CompiledPolicy interpreter = new PolicyInterpreter(policy, new InMemoryCounterStore());
        for (int i = 0; i < 12_000; i++) {
            for (String tool : new String[] {"tool_" + i, "list_" + i, "x" + i + "_job", "read", "list_secret"}) {
                ToolCall call = ToolCall.of(tool, Map.of(), i);
                assertThat(compiled.decide(call)).as(tool).isEqualTo(interpreter.decide(call));
            }
        }
        assertThat(compiled.decide(ToolCall.of("list_secret", Map.of(), 0)).ruleId()).isEqualTo("hide");
        assertThat(compiled.decide(ToolCall.of("list_late", Map.of(), 0)).ruleId()).isEqualTo("tools.list_*");
    }

    @Test
    void hidingEveryToolHidesExactNamesToo() {
        Policy policy = Canonical.policy("""
                {"version": "1", "default": "allow", "hide": ["*"], "tools": {"read": {}, "list_*": {}}}""");
        CompiledPolicy compiled = new BytecodeCompiler().compile(policy).compiled().orElseThrow()
                .instantiate(new InMemoryCounterStore());
        for (String tool : new String[] {"read", "list_a", "other", "read"}) {
            assertThat(compiled.decide(ToolCall.of(tool, Map.of(), 0)).ruleId()).as(tool).isEqualTo("hide");
        }
    }

    @Test
    void decisionsByNameAloneNameTheirOwnToolEachTime() {
        Policy policy = Canonical.policy("""
                {"version": "1", "default": "allow", "hide": ["secret"], "tools": {"list_*": {}}}""");
        CompiledPolicy compiled = new BytecodeCompiler().compile(policy).compiled().orElseThrow()
                .instantiate(new InMemoryCounterStore());
        CompiledPolicy interpreter = new PolicyInterpreter(policy, new InMemoryCounterStore());
        for (int round = 0; round < 3; round++) {
            for (String tool : new String[] {"a", "b", "secret", "list_x", "a\"b"}) {
                ToolCall call = ToolCall.of(tool, Map.of(), round);
                assertThat(compiled.decide(call)).as(tool).isEqualTo(interpreter.decide(call));
                assertThat(compiled.reserve(call).decision()).as(tool).isEqualTo(interpreter.decide(call));
            }
        }
        assertThat(compiled.decide(ToolCall.of("b", Map.of(), 0)).reason()).contains("\"b\"");
    }

    @Test
    void longNamesAreDecidedOnEveryCallAsTheInterpreterDoes() {
        Policy policy = Canonical.policy("""
                {"version": "1", "default": "deny", "tools": {"list_*": {}}}""");
        CompiledPolicy compiled = new BytecodeCompiler().compile(policy).compiled().orElseThrow()
                .instantiate(new InMemoryCounterStore());
        CompiledPolicy interpreter = new PolicyInterpreter(policy, new InMemoryCounterStore());
        String longTail = "x".repeat(300);
        for (int round = 0; round < 3; round++) {
            for (String tool : new String[] {"list_" + longTail, "other_" + longTail}) {
                ToolCall call = ToolCall.of(tool, Map.of(), round);
                assertThat(compiled.decide(call)).isEqualTo(interpreter.decide(call));
            }
        }
        assertThat(compiled.decide(ToolCall.of("list_" + longTail, Map.of(), 0)).ruleId()).isEqualTo("tools.list_*");
        assertThat(compiled.decide(ToolCall.of("other_" + longTail, Map.of(), 0)).ruleId()).isEqualTo("default");
    }
}
