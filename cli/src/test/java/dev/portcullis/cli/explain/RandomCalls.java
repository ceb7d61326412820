package dev.portcullis.cli.explain;

import dev.portcullis.compiler.ir.ArgPath;
import dev.portcullis.compiler.ir.Condition;
import dev.portcullis.compiler.ir.Limit;
import dev.portcullis.compiler.ir.Policy;
import dev.portcullis.compiler.ir.Rule;
import dev.portcullis.compiler.ir.ToolEntry;
import dev.portcullis.runtime.ToolCall;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Calls a policy has an opinion about: its tool names (exact, glob-matching, hidden, unknown), arguments at
 * the paths its conditions and limits read, holding its literals in every Java type a transcript or a
 * gateway may pass, near misses, wrong kinds, and now and then a value no evaluator can compare (NaN).
 */
final class RandomCalls {

    private static final List<String> STRINGS = List.of("", "a", "test", "/tmp/x", "/tmp/../secret", "forbidden",
            "s3://phi-exports/a", "xyz", "main", "7", "true", "mallory", "report.txt");
    private static final List<String> IDENTITIES = List.of("g1", "g2", "");

    private final Random random;
    private final List<String> tools;
    private final List<List<String>> paths;
    private final List<Object> literals;

    RandomCalls(Policy policy, long seed) {
        this.random = new Random(seed);
        Set<String> toolNames = new LinkedHashSet<>(policy.tools().keySet());
        for (ToolEntry glob : policy.globs()) {
            toolNames.add(glob.key().replace("*", ""));
            toolNames.add(glob.key().replace("*", "_zz"));
        }
        toolNames.addAll(policy.hiddenTools().keySet());
        toolNames.add("unlisted_tool");
        this.tools = List.copyOf(toolNames);
        Set<List<String>> pathSet = new LinkedHashSet<>();
        Set<Object> literalSet = new LinkedHashSet<>();
        for (ToolEntry entry : policy.entries()) {
            for (Rule rule : entry.rules()) {
                condition(rule).ifPresent(condition -> collect(condition, pathSet, literalSet));
            }
            for (Limit limit : entry.limits()) {
                // amounts around what is left of a budget decide whether a limit has room
                literalSet.add(BigDecimal.valueOf(limit.counter().max()));
                literalSet.add(BigDecimal.valueOf(1 + random.nextInt((int) Math.min(limit.counter().max(), 10))));
                limit.incrementFrom().ifPresent(path -> pathSet.add(path.segments()));
                limit.counter().per().ifPresent(path -> pathSet.add(path.segments()));
            }
        }
        pathSet.add(List.of("unrelated"));
        this.paths = List.copyOf(pathSet);
        this.literals = List.copyOf(literalSet);
    }

    private static java.util.Optional<Condition> condition(Rule rule) {
        if (rule instanceof Rule.Require require) {
            return java.util.Optional.of(require.condition());
        } else if (rule instanceof Rule.DenyIf denyIf) {
            return java.util.Optional.of(denyIf.condition());
        } else if (rule instanceof Rule.RequireApproval approval) {
            return java.util.Optional.of(approval.condition());
        }
        return java.util.Optional.empty();
    }

    private static void collect(Condition condition, Set<List<String>> paths, Set<Object> literals) {
        if (condition instanceof Condition.Comparison comparison) {
            if (comparison.path() instanceof ArgPath path) {
                paths.add(path.segments());
            }
            Object literal = comparison.value().javaValue();
            literals.add(literal);
            if (literal instanceof List<?> list) {
                literals.addAll(list);
            }
        } else if (condition instanceof Condition.All all) {
            all.conditions().forEach(part -> collect(part, paths, literals));
        } else if (condition instanceof Condition.Any any) {
            any.conditions().forEach(part -> collect(part, paths, literals));
        } else if (condition instanceof Condition.Not not) {
            collect(not.condition(), paths, literals);
        }
    }

    /** A sequence of calls in time order, a few of them at the same instant. */
    List<ToolCall> sequence(int length) {
        List<ToolCall> calls = new ArrayList<>();
        long time = 1_790_000_000_000L + random.nextInt(1_000_000);
        for (int i = 0; i < length; i++) {
            time += random.nextInt(4) == 0 ? 0 : random.nextInt(40_000);
            calls.add(new ToolCall(tools.get(random.nextInt(tools.size())), arguments(), identity(), identity(),
                    identity(), time));
        }
        return calls;
    }

    private String identity() {
        return random.nextInt(4) == 0 ? null : IDENTITIES.get(random.nextInt(IDENTITIES.size()));
    }

    private Map<String, Object> arguments() {
        Map<String, Object> arguments = new LinkedHashMap<>();
        int count = random.nextInt(Math.min(paths.size(), 5) + 1);
        for (int i = 0; i < count; i++) {
            put(arguments, paths.get(random.nextInt(paths.size())), value(2));
        }
        return arguments;
    }

    @SuppressWarnings("unchecked")
    private void put(Map<String, Object> arguments, List<String> path, Object value) {
        Map<String, Object> current = arguments;
        for (int i = 0; i < path.size() - 1; i++) {
            Object next = current.get(path.get(i));
            if (!(next instanceof Map<?, ?>)) {
                if (random.nextInt(10) == 0) {
                    // a scalar where the path needs an object: the value counts as missing
                    current.put(path.get(i), "not an object");
                    return;
                }
                next = new LinkedHashMap<String, Object>();
                current.put(path.get(i), next);
            }
            current = (Map<String, Object>) next;
        }
        current.put(path.get(path.size() - 1), value);
    }

    private Object value(int depth) {
        int choice = random.nextInt(16);
        if (choice < 6 && !literals.isEmpty()) {
            return asArgument(literals.get(random.nextInt(literals.size())));
        }
        return switch (choice) {
            case 6 -> random.nextInt(3) == 0 ? random.nextInt(200) - 100 : random.nextInt(7) - 1;
            case 7 -> random.nextLong();
            case 8 -> random.nextDouble() * 20_000 - 5_000;
            case 9 -> STRINGS.get(random.nextInt(STRINGS.size()));
            case 10 -> random.nextBoolean();
            case 11 -> null;
            case 12 -> depth == 0 ? "leaf" : list(depth);
            case 13 -> depth == 0 ? 1 : object(depth);
            case 14 -> random.nextInt(25) == 0 ? Double.NaN : new BigInteger("123456789012345678901234567890");
            default -> random.nextInt(3) == 0 ? (Object) 0.1f : (Object) (long) random.nextInt(3000);
        };
    }

    private Map<String, Object> object(int depth) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("k", value(depth - 1));
        return object;
    }

    private List<Object> list(int depth) {
        List<Object> list = new ArrayList<>();
        int size = random.nextInt(4);
        for (int i = 0; i < size; i++) {
            list.add(value(depth - 1));
        }
        return list;
    }

    /** A literal as an argument of some Java type, or a near miss of it. */
    private Object asArgument(Object literal) {
        if (literal instanceof BigDecimal number) {
            return switch (random.nextInt(6)) {
                case 0 -> number.scale() <= 0 && number.abs().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) < 0
                        ? (Object) number.intValue() : (Object) number.doubleValue();
                case 1 -> number.doubleValue();
                case 2 -> number.toPlainString();
                case 3 -> number.add(BigDecimal.ONE);
                case 4 -> number.subtract(new BigDecimal("0.5"));
                default -> number;
            };
        }
        if (literal instanceof List<?> list) {
            return new ArrayList<>(list);
        }
        if (literal instanceof String text && random.nextInt(4) == 0) {
            return random.nextBoolean() ? text + "x" : "prefix/" + text;
        }
        return literal;
    }
}
