package dev.portcullis.compiler.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.compiler.interpret.PolicyInterpreter;
import dev.portcullis.compiler.ir.ArgPath;
import dev.portcullis.compiler.ir.Condition;
import dev.portcullis.compiler.ir.DefaultPosture;
import dev.portcullis.compiler.ir.EntryAction;
import dev.portcullis.compiler.ir.Operator;
import dev.portcullis.compiler.ir.Policy;
import dev.portcullis.compiler.ir.Rule;
import dev.portcullis.compiler.ir.ToolEntry;
import dev.portcullis.compiler.ir.ToolSelector;
import dev.portcullis.compiler.ir.Value;
import dev.portcullis.compiler.source.SourcePosition;
import dev.portcullis.runtime.CompiledPolicy;
import dev.portcullis.runtime.ToolCall;
import dev.portcullis.runtime.counter.InMemoryCounterStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A policy of 10,000 tools and 50,000 conditions, one of them an {@code all} of 2,000 comparisons and
 * one nested 200 deep: it compiles, no method comes near HotSpot's 8,000-byte JIT limit, and it decides
 * as the interpreter does.
 */
class LargePolicyTest {

    private static final SourcePosition AT = new SourcePosition("large.json", 1, 1);
    private static final int TOOLS = 10_000;
    /** Well below HotSpot's HugeMethodLimit of 8,000 bytes. */
    private static final int METHOD_LIMIT = 6_000;

    @Test
    void tenThousandToolsAndFiftyThousandConditionsCompileIntoSmallMethods() throws Exception {
        Policy policy = largePolicy();
        assertThat(conditionCount(policy)).isGreaterThanOrEqualTo(50_000);

        // CPU time, not wall time: the figure must not depend on what else the machine is doing
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long started = threads.getCurrentThreadCpuTime();
        BytecodeResult result = new BytecodeCompiler().compile(policy);
        long millis = (threads.getCurrentThreadCpuTime() - started) / 1_000_000;
        assertThat(result.diagnostics()).isEmpty();
        CompiledPolicyClass compiled = result.compiled().orElseThrow();

        byte[] classFile = compiled.classFiles().get(compiled.className());
        Map<String, Integer> lengths = ClassFileMethods.codeLengths(classFile);
        assertThat(lengths).hasSizeGreaterThan(100);
        assertThat(lengths.values()).allSatisfy(length -> assertThat(length).isLessThan(METHOD_LIMIT));
        assertThat(ClassFileMethods.constantPoolSize(classFile)).isLessThan(65_535);
        System.out.printf("large policy: %d tools, %d conditions compiled in %d ms of CPU; %d methods, largest %d bytes%n",
                TOOLS, conditionCount(policy), millis, lengths.size(),
                lengths.values().stream().mapToInt(Integer::intValue).max().orElse(0));

        CompiledPolicy bytecode = compiled.instantiate(new InMemoryCounterStore());
        CompiledPolicy interpreter = new PolicyInterpreter(policy, new InMemoryCounterStore());
        for (int tool : new int[] {0, 1, 2, 4_999, 9_998, 9_999}) {
            for (Map<String, Object> args : List.of(Map.<String, Object>of("a", 1, "b", "x", "c", 5),
                    Map.<String, Object>of("a", tool, "b", "y" + tool, "c", 3), Map.<String, Object>of())) {
                ToolCall call = ToolCall.of("tool_" + tool, args, 0);
                assertThat(bytecode.decide(call)).as("tool_%s %s", tool, args).isEqualTo(interpreter.decide(call));
            }
        }
        ToolCall unknown = ToolCall.of("unknown", Map.of(), 0);
        assertThat(bytecode.decide(unknown)).isEqualTo(interpreter.decide(unknown));
    }

    private static Policy largePolicy() {
        Map<String, ToolEntry> tools = new LinkedHashMap<>();
        for (int i = 0; i < TOOLS; i++) {
            List<Rule> rules = new ArrayList<>();
            if (i == 0) {
                List<Condition> many = new ArrayList<>();
                for (int j = 0; j < 2_000; j++) {
                    many.add(compare("a", Operator.NEQ, Value.NumberValue.of(-j - 1)));
                }
                rules.add(new Rule.Require("wide", new Condition.All(many, AT), "too wide", AT));
            } else if (i == 1) {
                Condition deep = compare("c", Operator.GT, Value.NumberValue.of(4));
                for (int j = 0; j < 200; j++) {
                    deep = j % 2 == 0 ? new Condition.Not(deep, AT) : new Condition.Any(List.of(deep,
                            compare("b", Operator.EQ, new Value.StringValue("never" + j))), AT);
                }
                rules.add(new Rule.Require("deep", deep, "too deep", AT));
            }
            rules.add(new Rule.Require("r" + i, new Condition.All(List.of(
                    compare("a", Operator.LTE, Value.NumberValue.of(i + 1)),
                    compare("b", Operator.STARTS_WITH, new Value.StringValue(i % 2 == 0 ? "x" : "y")),
                    compare("c", Operator.IN, new Value.ListValue(List.of(Value.NumberValue.of(i % 7), Value.NumberValue.of(5)))))
                    , AT), "needs a, b and c " + i, AT));
            rules.add(new Rule.DenyIf("d" + i, new Condition.Any(List.of(
                    compare("b", Operator.EQ, new Value.StringValue("forbidden " + i)),
                    compare("b", Operator.REGEX, new Value.StringValue("^z+" + (i % 100) + "$"))), AT), "denied " + i, AT));
            String name = "tool_" + i;
            tools.put(name, new ToolEntry(new ToolSelector.ExactTool(name), EntryAction.ALLOW, "allowed " + i, rules,
                    List.of(), AT));
        }
        return new Policy("large", DefaultPosture.DENY, Map.of(), false, tools, List.of(), Optional.empty(),
                Map.of(), AT);
    }

    private static Condition compare(String argument, Operator operator, Value value) {
        return new Condition.Comparison(ArgPath.of(argument), operator, value, AT);
    }

    private static int conditionCount(Policy policy) {
        int count = 0;
        for (ToolEntry entry : policy.tools().values()) {
            for (Rule rule : entry.rules()) {
                Condition condition = rule instanceof Rule.Require r ? r.condition() : ((Rule.DenyIf) rule).condition();
                count += leaves(condition);
            }
        }
        return count;
    }

    private static int leaves(Condition condition) {
        if (condition instanceof Condition.Comparison) {
            return 1;
        }
        if (condition instanceof Condition.Not not) {
            return leaves(not.condition());
        }
        List<Condition> parts = condition instanceof Condition.All all ? all.conditions() : ((Condition.Any) condition).conditions();
        return parts.stream().mapToInt(LargePolicyTest::leaves).sum();
    }
}
