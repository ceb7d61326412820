package dev.portcullis.compiler.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.compiler.interpret.PolicyInterpreter;
import dev.portcullis.compiler.ir.BuildResult;
import dev.portcullis.compiler.ir.IrBuilder;
import dev.portcullis.compiler.ir.Policy;
import dev.portcullis.compiler.source.SourceMap;
import dev.portcullis.compiler.testing.Canonical;
import dev.portcullis.runtime.CompiledPolicy;
import dev.portcullis.runtime.Decision;
import dev.portcullis.runtime.ToolCall;
import dev.portcullis.runtime.counter.InMemoryCounterStore;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Names and values that would break or hijack generated source if they were ever spliced into it:
 * they compile, never appear in the source, and come back exactly as data in decisions.
 */
class HostileNamesTest {

    private static final String LONG = "x\"y\\".repeat(50_000);
    private static final List<String> HOSTILE = List.of(
            "\"", "\\", "*/", "/*", "\\u0022", "\\u000a", "a\nb", "nul\u0000here", "\r\n\t", "class", "return",
            "null", "true", "goto", "\"); System.exit(1); //", "\\\"; } static { System.exit(2); } //", "${x} %s %n",
            "\u2028\u2029", "\ud800", LONG);

    @Test
    void hostileTextsAreDataAndNeverSource(@TempDir Path temp) throws Exception {
        Policy policy = hostilePolicy();
        BytecodeResult result = new BytecodeCompiler().compile(policy);
        assertThat(result.diagnostics()).isEmpty();
        CompiledPolicyClass compiled = result.compiled().orElseThrow();
        String source = compiled.source().source();
        for (String hostile : List.of("*/", "\\u0022", "\\u000a", "System.exit", "${x}", "\u0000", "\u2028", "x\"y\\")) {
            assertThat(source).as("generated source").doesNotContain(hostile);
        }
        assertThat(source).doesNotContain("\"");

        CompiledPolicy bytecode = compiled.instantiate(new InMemoryCounterStore());
        CompiledPolicy interpreter = new PolicyInterpreter(policy, new InMemoryCounterStore());
        CompiledPolicy precompiled = dev.portcullis.runtime.loader.PolicyLoader.load(
                PrecompiledPolicyWriter.write(compiled, temp), new InMemoryCounterStore());
        int allowed = 0;
        for (String tool : HOSTILE) {
            for (String value : List.of(tool, "other", LONG)) {
                Map<String, Object> args = new HashMap<>();
                args.put(argument(tool), value);
                for (int repeat = 0; repeat < 3; repeat++) {
                    ToolCall call = ToolCall.builder(tool).arguments(args).grant(tool).timeMillis(repeat).build();
                    Decision expected = interpreter.decide(call);
                    assertThat(bytecode.decide(call)).isEqualTo(expected);
                    assertThat(precompiled.decide(call)).isEqualTo(expected);
                    allowed += expected.isAllowed() ? 1 : 0;
                }
            }
        }
        assertThat(allowed).as("some calls pass every hostile check").isPositive();
        ToolCall denied = ToolCall.builder("class").arguments(Map.of(argument("class"), "other")).build();
        assertThat(bytecode.decide(denied).ruleId()).isEqualTo("r:class");
        assertThat(bytecode.decide(denied).reason()).isEqualTo("class");
        assertThat(bytecode.isHidden("\"); hidden")).isTrue();
    }

    /** Argument names cannot hold dots (paths split on them), so dots become dashes. */
    private static String argument(String name) {
        return name.replace('.', '-');
    }

    private static Policy hostilePolicy() {
        ObjectNode root = Canonical.JSON.createObjectNode();
        root.put("version", "1");
        root.put("name", "\"); System.exit(3); //");
        root.put("default", "deny");
        root.putArray("hide").add("\"); hidden");
        ObjectNode tools = root.putObject("tools");
        for (String name : HOSTILE) {
            ObjectNode entry = tools.putObject(name);
            ArrayNode rules = entry.putArray("rules");
            ObjectNode rule = rules.addObject();
            rule.put("name", "r:" + name);
            rule.put("on_deny", name);
            ArrayNode conditions = rule.putArray("conditions");
            ObjectNode any = conditions.addObject();
            ArrayNode options = any.putArray("any");
            options.addObject().put("path", "args." + argument(name)).put("op", "eq").put("value", name);
            options.addObject().put("path", "args." + argument(name)).put("op", "starts_with").put("value", name);
            options.addObject().put("path", "args." + argument(name)).put("op", "regex").put("value", "^" + quoteRegex(name) + "$");
            ObjectNode limit = entry.putArray("limits").addObject();
            limit.put("counter", name);
            limit.put("window", "minute");
            limit.put("max", 2);
            limit.put("per", "args." + argument(name));
        }
        BuildResult build = IrBuilder.build(root, new SourceMap("hostile.json"), "hostile");
        assertThat(build.diagnostics()).filteredOn(d -> d.isError()).isEmpty();
        return build.policy();
    }

    /** The name as an RE2 literal: every character escaped by code point, so nothing is a metacharacter. */
    private static String quoteRegex(String name) {
        StringBuilder regex = new StringBuilder();
        name.codePoints().limit(200).forEach(cp -> regex.append(String.format("\\x{%x}", cp)));
        return name.length() > 200 ? regex + ".*" : regex.toString();
    }
}
