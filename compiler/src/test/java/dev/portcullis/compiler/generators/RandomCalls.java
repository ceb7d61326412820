package dev.portcullis.compiler.generators;

import dev.portcullis.runtime.ToolCall;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random call sequences for a policy: tools it names (and some it does not), arguments of every shape
 * a JSON decoder yields ({@code Integer}, {@code Long}, {@code Double}, {@code BigDecimal},
 * {@code BigInteger}, strings that look like numbers, booleans, lists, nested objects, {@code null},
 * missing), three callers, and timestamps that mostly move forward, sometimes stand still, jump
 * windows, or go back. Each call is settled by committing, releasing or deciding at once.
 */
public final class RandomCalls {

    private static final List<String> IDENTITIES = Arrays.asList("g1", "g2", null);

    private RandomCalls() {
    }

    /** How a step settles its call. */
    public enum Settlement {
        /** {@code decide}: reserve and commit at once. */
        DECIDE,
        /** {@code reserve}, then {@code commit}. */
        COMMIT,
        /** {@code reserve}, then {@code release} (the upstream call failed). */
        RELEASE
    }

    /** One call of a sequence and how it is settled. */
    public record CallStep(ToolCall call, Settlement settlement) {
    }

    public static List<CallStep> sequence(Random random, List<String> tools, int length) {
        List<CallStep> steps = new ArrayList<>(length);
        long time = 1_700_000_000_000L + random.nextInt(100_000);
        for (int i = 0; i < length; i++) {
            time += switch (random.nextInt(10)) {
                case 0 -> 0;
                case 1 -> 61_000 + random.nextInt(3_600_000);
                case 2 -> -random.nextInt(5_000);
                default -> random.nextInt(3_000);
            };
            String tool = random.nextInt(20) == 0 ? "unknown_" + random.nextInt(3) : tools.get(random.nextInt(tools.size()));
            ToolCall call = ToolCall.builder(tool).arguments(arguments(random))
                    .grant(pick(random, IDENTITIES)).session(pick(random, IDENTITIES)).agent(pick(random, IDENTITIES))
                    .timeMillis(time).build();
            steps.add(new CallStep(call, Settlement.values()[random.nextInt(Settlement.values().length)]));
        }
        return steps;
    }

    private static Map<String, Object> arguments(Random random) {
        Map<String, Object> arguments = new HashMap<>();
        for (String name : List.of("a", "b", "n", "k")) {
            if (random.nextInt(4) != 0) {
                arguments.put(name, value(random, name.equals("n")));
            }
        }
        if (random.nextInt(3) == 0) {
            Map<String, Object> nested = new HashMap<>();
            nested.put("p", value(random, false));
            arguments.put("o", random.nextInt(6) == 0 ? "not an object" : nested);
        }
        return arguments;
    }

    /** An argument value; {@code amount} favours small whole numbers (for {@code increment_from}). */
    static Object value(Random random, boolean amount) {
        if (amount && random.nextBoolean()) {
            return random.nextInt(4);
        }
        return switch (random.nextInt(16)) {
            case 0 -> "a";
            case 1 -> "ab";
            case 2 -> "5";
            case 3 -> "s3://x/y";
            case 4 -> random.nextInt(11) - 2;
            case 5 -> (long) random.nextInt(7);
            case 6 -> random.nextInt(40) / 10.0d;
            case 7 -> new BigDecimal(random.nextInt(60) - 10).movePointLeft(1);
            case 8 -> BigInteger.valueOf(1000);
            case 9 -> random.nextBoolean();
            case 10 -> List.of("a", 5);
            case 11 -> Arrays.asList("b", null, 1.0d);
            case 12 -> Map.of("p", "a");
            case 13 -> "";
            case 14 -> "true";
            default -> random.nextInt(50) == 0 ? Double.NaN : 5;
        };
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
