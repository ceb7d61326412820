package dev.portcullis.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.dsl.DslFrontEnd;
import dev.portcullis.compiler.dsl.DslPrinter;
import dev.portcullis.compiler.dsl.IncludeResolver;
import dev.portcullis.compiler.frontend.FrontEnds;
import dev.portcullis.runtime.CompiledPolicy;
import dev.portcullis.runtime.Decision;
import dev.portcullis.runtime.ToolCall;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Whatever a policy file says, {@link PolicyCompiler#load} answers with diagnostics and never throws,
 * through every layer (front end, schema, IR builder, checks), in all three formats: valid policies
 * with random structural edits (a field removed, added or given a value of another type, an element
 * added or replaced), which reach far deeper than random bytes do. A policy that loads without errors
 * must also give an interpreter that decides calls without an evaluation error, and every
 * diagnostic must render as one line {@code file:line:col: severity PC0xx: message}.
 */
class PolicyCompilerFuzzProperties {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Includes disabled: an edit must not make the fuzzer read files outside the test. */
    private static final PolicyCompiler COMPILER = PolicyCompiler.standard()
            .withFrontEnds(FrontEnds.standard().with("policy", new DslFrontEnd(IncludeResolver.disabled())));
    private static final Pattern ONE_LINE = Pattern.compile("[^\\n\\r\\u0085\\u2028\\u2029]+");

    private static final List<JsonNode> JSON_SEEDS = List.of(
            seed(JSON, "decision-tables/decision-order/policy.json"),
            seed(JSON, "decision-tables/operators/policy.json"),
            seed(JSON, "decision-tables/combinators/policy.json"),
            seed(JSON, "fixtures/json/full-canonical.json"),
            seed(JSON, "fixtures/json/faq-forms.json"),
            seed(JSON, "fixtures/json/seed-example.json"));
    private static final List<JsonNode> YAML_SEEDS = List.of(
            seed(YAML, "decision-tables/intercept-order/policy.yaml"),
            seed(YAML, "decision-tables/operators/policy.yaml"),
            seed(YAML, "fixtures/intercept/valid-complete.yaml"));

    /** Field names of every format, so that edits add fields each layer knows as well as unknown ones. */
    private static final List<String> NAMES = List.of("version", "default", "hide", "all_tools", "tools", "counters",
            "name", "description", "require", "deny_if", "limits", "rules", "action", "reason", "rate_limit",
            "conditions", "on_deny", "state", "path", "op", "value", "all", "any", "not", "counter", "window", "max",
            "scope", "algorithm", "increment", "increment_from", "per", "*", "list_*", "a", "$schema");
    private static final List<String> STRINGS = List.of("1", "allow", "deny", "require_approval", "evaluate",
            "args.x", "args.a.b", "args.", "state.a.c", "state.create_charge.daily_spend", "eq", "neq", "in", "not_in",
            "lt", "lte", "gt", "gte", "regex", "contains", "exists", "starts_with", "ends_with", "minute", "hour", "day",
            "second", "grant", "session", "agent", "global", "fixed", "sliding", "token_bucket", "c", "(", "a+",
            "10/minute", "0/hour", "x/day", "99999999999999999999/day", "", "*", "line\nbreak");
    private static final List<JsonNode> SCALARS = List.of(NODES.numberNode(0), NODES.numberNode(1),
            NODES.numberNode(-1), NODES.numberNode(1.5), NODES.numberNode(10.0), NODES.numberNode(Long.MAX_VALUE),
            NODES.numberNode(Long.MIN_VALUE), NODES.numberNode(9e18), NODES.numberNode(4_611_686_018_427_387_904L),
            NODES.numberNode(new BigInteger("100000000000000000000000")), NODES.numberNode(new BigDecimal("1E+400")),
            NODES.numberNode(new BigDecimal("1E-400")), NODES.numberNode(9_223_372_036_854_775L),
            NODES.booleanNode(true), NODES.booleanNode(false), NODES.nullNode());

    /** One structural edit: which container (by index in breadth-first order), what to do, with what. */
    record Edit(int container, int kind, int name, int value) {
    }

    @Provide
    Arbitrary<List<Edit>> edits() {
        Arbitrary<Integer> any = Arbitraries.integers().between(0, 10_000);
        return Combinators.combine(any, Arbitraries.integers().between(0, 3), any, any).as(Edit::new)
                .list().ofMinSize(1).ofMaxSize(4);
    }

    @Property(tries = 300)
    void editedJsonPoliciesGetDiagnosticsNeverExceptions(@ForAll("edits") List<Edit> edits,
                                                        @ForAll("seedIndex") int seed) {
        JsonNode tree = edited(JSON_SEEDS.get(seed % JSON_SEEDS.size()), edits);
        check("policies/edited.json", JSON.writeValueAsString(tree));
        check("policies/edited-json.policy", JSON.writeValueAsString(tree));
        reachesTheInterpreterOften();
    }

    @Property(tries = 300)
    void editedInterceptPoliciesGetDiagnosticsNeverExceptions(@ForAll("edits") List<Edit> edits,
                                                             @ForAll("seedIndex") int seed) {
        JsonNode tree = edited(YAML_SEEDS.get(seed % YAML_SEEDS.size()), edits);
        check("policies/edited.yaml", YAML.writeValueAsString(tree));
        reachesTheInterpreterOften();
    }

    @Property(tries = 300)
    void editedDslPoliciesGetDiagnosticsNeverExceptions(@ForAll("textEdits") List<TextEdit> edits,
                                                       @ForAll("seedIndex") int seed) {
        StringBuilder text = new StringBuilder(DslPrinter.print(JSON_SEEDS.get(seed % JSON_SEEDS.size())));
        edits.forEach(edit -> edit.applyTo(text));
        check("policies/edited.policy", text.toString());
        reachesTheInterpreterOften();
    }

    /** Edits that every policy survives would test little; edits that none survives would never reach the IR. */
    private static void reachesTheInterpreterOften() {
        Statistics.coverage(coverage -> {
            coverage.check(true).percentage(p -> p > 2);
            coverage.check(false).percentage(p -> p > 20);
        });
    }

    @Provide
    Arbitrary<Integer> seedIndex() {
        return Arbitraries.integers().between(0, 1_000);
    }

    /** A token-level edit of DSL text: a span deleted, duplicated, or replaced by a DSL word or symbol. */
    record TextEdit(int position, int kind, int length, int word) {

        private static final List<String> WORDS = List.of("tool", "deny", "allow", "when", "unless", "limit", "counter",
                "per", "minute", "and", "or", "not", "{", "}", "(", ")", "\"", ",", "=", "args.x", "state.a.b", "0",
                "99999999999999999999999", "-1", "1.5", "\n", "#", "//", "/*", "*");

        void applyTo(StringBuilder text) {
            if (text.length() == 0) {
                return;
            }
            int at = position % text.length();
            int end = Math.min(text.length(), at + length);
            switch (kind) {
                case 0 -> text.delete(at, end);
                case 1 -> text.insert(at, text.substring(at, end));
                default -> text.replace(at, end, WORDS.get(word % WORDS.size()));
            }
        }
    }

    @Provide
    Arbitrary<List<TextEdit>> textEdits() {
        Arbitrary<Integer> any = Arbitraries.integers().between(0, 100_000);
        return Combinators.combine(any, Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 12), any)
                .as(TextEdit::new).list().ofMinSize(1).ofMaxSize(5);
    }

    private static void check(String name, String text) {
        CompilationResult result = COMPILER.load(name, text.getBytes(StandardCharsets.UTF_8));
        Statistics.collect(!result.hasErrors());

        for (Diagnostic diagnostic : result.diagnostics()) {
            assertThat(diagnostic.position().file()).as("%s", diagnostic).isEqualTo(name);
            assertThat(diagnostic.toString()).as("one line").matches(ONE_LINE)
                    .matches(Pattern.quote(name) + "(:\\d+(:\\d+)?)?: (error|warning) PC\\d{3}: .+");
        }
        if (!result.hasErrors()) {
            CompiledPolicy policy = result.interpreter();
            for (ToolCall call : calls(result)) {
                Decision decision = policy.decide(call);
                assertThat(decision.ruleId()).as("%s decided %s for\n%s", call, decision, text)
                        .isNotEqualTo("portcullis.evaluation_error");
            }
        }
    }

    /** A call to each listed tool and to an unlisted one, with plain JSON arguments. */
    private static List<ToolCall> calls(CompilationResult result) {
        List<String> tools = new ArrayList<>(result.policy().orElseThrow().tools().keySet());
        tools.add("unlisted_tool");
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("x", "main");
        arguments.put("amount", 3);
        arguments.put("a", Map.of("b", 2.5));
        arguments.put("v", List.of(1, "two"));
        List<ToolCall> calls = new ArrayList<>();
        for (String tool : tools) {
            calls.add(ToolCall.builder(tool).arguments(arguments).grant("g").session("s").timeMillis(1_000).build());
            calls.add(ToolCall.builder(tool).timeMillis(2_000).build());
        }
        return calls;
    }

    private static JsonNode edited(JsonNode seed, List<Edit> edits) {
        JsonNode tree = seed.deepCopy();
        for (Edit edit : edits) {
            List<JsonNode> containers = containers(tree);
            apply(edit, containers.get(edit.container() % containers.size()));
        }
        return tree;
    }

    private static List<JsonNode> containers(JsonNode root) {
        List<JsonNode> found = new ArrayList<>();
        Deque<JsonNode> queue = new ArrayDeque<>(List.of(root));
        while (!queue.isEmpty()) {
            JsonNode node = queue.poll();
            if (node.isContainer()) {
                found.add(node);
                node.forEach(queue::add);
            }
        }
        return found;
    }

    private static void apply(Edit edit, JsonNode container) {
        JsonNode value = value(edit.value(), 0);
        if (container instanceof ObjectNode object) {
            List<String> names = new ArrayList<>(object.propertyNames());
            if (edit.kind() == 0 || names.isEmpty()) {
                object.set(NAMES.get(edit.name() % NAMES.size()), value);
            } else if (edit.kind() == 1) {
                object.remove(names.get(edit.name() % names.size()));
            } else {
                object.set(names.get(edit.name() % names.size()), value);
            }
        } else if (container instanceof ArrayNode array) {
            if (edit.kind() == 0 || array.isEmpty()) {
                array.add(value);
            } else if (edit.kind() == 1) {
                array.remove(edit.name() % array.size());
            } else {
                array.set(edit.name() % array.size(), value);
            }
        }
    }

    /** A value chosen by {@code choice}: a scalar, a string of the policy vocabulary, or a small container. */
    private static JsonNode value(int choice, int depth) {
        int kind = choice % (depth > 1 ? 2 : 4);
        int next = choice / 4;
        return switch (kind) {
            case 0 -> SCALARS.get(next % SCALARS.size());
            case 1 -> NODES.stringNode(STRINGS.get(next % STRINGS.size()));
            case 2 -> {
                ObjectNode object = NODES.objectNode();
                object.set(NAMES.get(next % NAMES.size()), value(next / 7, depth + 1));
                yield object;
            }
            default -> NODES.arrayNode().add(value(next / 3, depth + 1));
        };
    }

    private static JsonNode seed(tools.jackson.databind.ObjectMapper mapper, String resource) {
        try (InputStream in = PolicyCompilerFuzzProperties.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return mapper.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
