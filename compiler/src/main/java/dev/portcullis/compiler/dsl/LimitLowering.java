package dev.portcullis.compiler.dsl;

import dev.portcullis.compiler.source.JsonPointers;
import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import dev.portcullis.compiler.dsl.grammar.PolicyParser;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import org.antlr.v4.runtime.Token;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Limits and counter definitions ({@code 10 per minute per grant sliding}) to canonical limit objects. */
final class LimitLowering {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private final LoweringScope scope;
    private final JsonLowering json;
    private final ConditionLowering conditions;
    private final CounterBook counters;

    LimitLowering(LoweringScope scope, JsonLowering json, ConditionLowering conditions, CounterBook counters) {
        this.scope = scope;
        this.json = json;
        this.conditions = conditions;
        this.counters = counters;
    }

    /** A limit of the entry, or of a rule of the entry, {@code owner}. */
    JsonNode limit(PolicyParser.LimitReferenceContext reference, CounterBook.Owner owner, String pointer) {
        scope.mark(pointer, reference);
        if (reference instanceof PolicyParser.JsonLimitContext object) {
            ObjectNode node = json.object(object.jsonObject(), pointer);
            if (node.path("counter").isString()) {
                counters.use(owner, node.get("counter").stringValue(), CounterBook.UseKind.JSON, scope.at(reference));
            }
            return node;
        }
        ObjectNode node = NODES.objectNode();
        if (reference instanceof PolicyParser.AnonymousLimitContext anonymous) {
            ObjectNode spec = spec(anonymous.limitSpec(), pointer);
            String name = DslNames.defaultCounterName(owner.name(), spec.get("window"));
            counters.use(owner, name, CounterBook.UseKind.UNNAMED, scope.at(reference));
            node.put("counter", name);
            node.setAll(spec);
            return node;
        }
        PolicyParser.NamedLimitContext named = (PolicyParser.NamedLimitContext) reference;
        String name = scope.text(named.text());
        node.put("counter", name);
        scope.mark(JsonPointers.child(pointer, "counter"), named.text());
        if (named.limitSpec() == null) {
            counters.use(owner, name, CounterBook.UseKind.REFERENCE, scope.at(named.text()));
        } else {
            counters.use(owner, name, CounterBook.UseKind.INLINE, scope.at(named.text()));
            node.setAll(spec(named.limitSpec(), pointer));
        }
        return node;
    }

    /** {@code counter name = <definition>}: the object stored under {@code counters}. */
    ObjectNode counter(PolicyParser.CounterDefinitionContext definition, String pointer) {
        if (definition.jsonObject() != null) {
            return json.object(definition.jsonObject(), pointer);
        }
        return spec(definition.limitSpec(), pointer);
    }

    private ObjectNode spec(PolicyParser.LimitSpecContext spec, String pointer) {
        ObjectNode node = NODES.objectNode();
        node.set("window", window(spec.window()));
        scope.mark(JsonPointers.child(pointer, "window"), spec.window());
        node.set("max", positiveInteger(spec.max, "the most calls a limit admits"));
        scope.mark(JsonPointers.child(pointer, "max"), spec.max);
        Map<String, Token> given = new HashMap<>();
        for (PolicyParser.LimitOptionContext option : spec.limitOption()) {
            String field = field(option);
            Token first = given.putIfAbsent(field, option.getStart());
            if (first != null) {
                scope.error(DiagnosticCode.DSL_DUPLICATE_LIMIT_OPTION, scope.at(option), description(field));
                continue;
            }
            scope.mark(JsonPointers.child(pointer, field), option);
            option(node, option);
        }
        return node;
    }

    private static String field(PolicyParser.LimitOptionContext option) {
        if (option instanceof PolicyParser.PerOptionContext per) {
            return per.argsPath() != null ? "per" : "scope";
        }
        if (option instanceof PolicyParser.GloballyOptionContext) {
            return "scope";
        }
        if (option instanceof PolicyParser.IncrementOptionContext) {
            return "increment";
        }
        return "algorithm";
    }

    private static String description(String field) {
        return switch (field) {
            case "scope" -> "a scope (per grant, session, agent or globally)";
            case "per" -> "'per args....'";
            case "increment" -> "'increment'";
            default -> "an algorithm (fixed, sliding or token bucket)";
        };
    }

    private void option(ObjectNode node, PolicyParser.LimitOptionContext option) {
        if (option instanceof PolicyParser.PerOptionContext per) {
            if (per.argsPath() != null) {
                node.put("per", conditions.path(per.argsPath()));
            } else {
                node.put("scope", per.scope.getText());
            }
        } else if (option instanceof PolicyParser.GloballyOptionContext) {
            node.put("scope", "global");
        } else if (option instanceof PolicyParser.AlgorithmOptionContext algorithm) {
            node.put("algorithm", algorithm.algorithm.getText());
        } else if (option instanceof PolicyParser.TokenBucketOptionContext) {
            node.put("algorithm", "token_bucket");
        } else {
            PolicyParser.IncrementOptionContext increment = (PolicyParser.IncrementOptionContext) option;
            if (increment.amount != null) {
                node.set("increment", positiveInteger(increment.amount, "an increment"));
            } else {
                node.put("increment_from", conditions.path(increment.argsPath()));
            }
        }
    }

    private JsonNode window(PolicyParser.WindowContext window) {
        Token token = window.getStart();
        if (token.getType() != PolicyParser.DURATION) {
            return NODES.stringNode(token.getText());
        }
        long seconds = 0;
        String text = token.getText();
        int number = 0;
        try {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.isDigit(c)) {
                    continue;
                }
                long amount = Long.parseLong(text.substring(number, i));
                long unit = switch (c) {
                    case 's' -> 1;
                    case 'm' -> 60;
                    case 'h' -> 3_600;
                    default -> 86_400;
                };
                seconds = Math.addExact(seconds, Math.multiplyExact(amount, unit));
                number = i + 1;
            }
        } catch (ArithmeticException | NumberFormatException tooLong) {
            scope.error(DiagnosticCode.DSL_INVALID_WINDOW, scope.at(window), text, "it is too long");
            return NODES.numberNode(1);
        }
        if (seconds == 0) {
            scope.error(DiagnosticCode.DSL_INVALID_WINDOW, scope.at(window), text, "a window lasts at least 1s");
        }
        return JsonNumbers.integer(seconds);
    }

    private JsonNode positiveInteger(Token token, String what) {
        String text = token.getText();
        boolean whole = text.chars().allMatch(Character::isDigit);
        if (!whole || new BigInteger(text).signum() <= 0) {
            scope.error(DiagnosticCode.DSL_INVALID_NUMBER, scope.at(token), what, text);
            return JsonNumbers.fromLiteral(text);
        }
        BigInteger value = new BigInteger(text);
        if (value.compareTo(LONG_MAX) > 0) {
            scope.error(DiagnosticCode.DSL_INVALID_NUMBER, scope.at(token), what, text + " (too large)");
        }
        return JsonNumbers.integer(value);
    }
}
