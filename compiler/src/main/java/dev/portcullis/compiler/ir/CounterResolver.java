package dev.portcullis.compiler.ir;

import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import dev.portcullis.compiler.source.SourcePosition;
import dev.portcullis.runtime.counter.Algorithm;
import dev.portcullis.runtime.counter.Scope;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

/**
 * Gives every counter one definition. A counter is defined by its declaration under {@code counters}
 * or, failing that, by the first limit naming it; every later limit must agree with that definition
 * field by field ({@code PC052}), and a limit that names only the counter takes the declaration's.
 */
final class CounterResolver {

    /** A declaration is a budget; what a call takes from it belongs to each limit. */
    private static final Set<String> DECLARATION_FIELDS = Set.of("window", "max", "scope", "algorithm", "per");
    private static final Set<String> LIMIT_FIELDS =
            Set.of("counter", "window", "max", "scope", "algorithm", "per", "increment", "increment_from");
    private static final Map<String, Long> NAMED_WINDOWS =
            Map.of("second", 1_000L, "minute", 60_000L, "hour", 3_600_000L, "day", 86_400_000L);
    private static final long MAX_WINDOW_SECONDS = Long.MAX_VALUE / 1_000L;

    private final BuildContext context;
    private final Map<String, CounterDefinition> definitions = new LinkedHashMap<>();

    /** What a limit takes per call: {@code incrementFrom} when present, else {@code increment}. */
    private record Charge(long increment, Optional<ArgPath> incrementFrom) {
    }

    CounterResolver(BuildContext context) {
        this.context = context;
    }

    /** Every counter defined so far, in the order first defined. */
    Map<String, CounterDefinition> definitions() {
        return definitions;
    }

    /** Reads the {@code counters} object: name -> declaration. */
    void declare(JsonNode counters, JsonPointer pointer) {
        if (!context.isObject(counters, pointer, "'counters'")) {
            return;
        }
        counters.forEachEntry((name, declaration) -> {
            JsonPointer at = pointer.appendProperty(name);
            if (!context.isObject(declaration, at, "counter '" + name + "'")) {
                return;
            }
            context.rejectUnknownFields(declaration, at, "counter '" + name + "'", DECLARATION_FIELDS);
            Fields fields = read(declaration, at);
            if (!fields.valid) {
                return;
            }
            if (fields.window.isEmpty() || fields.max.isEmpty()) {
                context.malformed(at, "counter '" + name + "' must declare 'window' and 'max'");
                return;
            }
            definitions.put(name, fields.definition(name, context.position(at)));
        });
    }

    /**
     * A limit object of an entry or rule; empty when it is malformed (already reported).
     *
     * @param ruleId the id of the rule that declares the limit; empty for an entry's own limit
     */
    Optional<Limit> limit(JsonNode node, JsonPointer pointer, Optional<String> onDeny, Optional<String> ruleId) {
        if (!context.isObject(node, pointer, "a limit")) {
            return Optional.empty();
        }
        context.rejectUnknownFields(node, pointer, "a limit", LIMIT_FIELDS);
        JsonNode counterName = node.get("counter");
        if (counterName == null || !counterName.isString() || counterName.stringValue().isEmpty()) {
            context.malformed(pointer, "a limit must name its 'counter' (a non-empty string), got "
                    + BuildContext.show(counterName));
            return Optional.empty();
        }
        String name = counterName.stringValue();
        Fields fields = read(node, pointer);
        Optional<Charge> charge = charge(node, pointer);
        // a limit in error defines nothing, so that it cannot leave behind a counter no limit uses
        Optional<CounterDefinition> counter = fields.valid
                ? resolve(name, fields, pointer, charge.isPresent()) : Optional.empty();
        if (counter.isEmpty() || charge.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Limit(counter.get(), charge.get().increment(), charge.get().incrementFrom(), onDeny,
                ruleId, context.position(pointer)));
    }

    /** The charge a limit gives with {@code increment} and {@code increment_from}; empty when invalid. */
    private Optional<Charge> charge(JsonNode node, JsonPointer pointer) {
        long increment = increment(node, pointer);
        Optional<ArgPath> incrementFrom = argPath(node, "increment_from", pointer);
        if (increment <= 0 || (node.has("increment_from") && incrementFrom.isEmpty())) {
            return Optional.empty();
        }
        return Optional.of(new Charge(increment, incrementFrom));
    }

    private Optional<CounterDefinition> resolve(String name, Fields fields, JsonPointer pointer, boolean define) {
        CounterDefinition existing = definitions.get(name);
        if (existing == null) {
            for (String missing : List.of("window", "max")) {
                if ((missing.equals("window") ? fields.window : fields.max).isEmpty()) {
                    context.report(DiagnosticCode.UNDEFINED_COUNTER, pointer, name, "'" + missing + "'");
                    return Optional.empty();
                }
            }
            CounterDefinition defined = fields.definition(name, context.position(pointer));
            if (define) {
                definitions.put(name, defined);
            }
            return Optional.of(defined);
        }
        boolean agrees = agrees(existing, fields, pointer, "window", f -> f.window.isPresent()
                ? Optional.of(CounterDefinition.windowText(f.window.getAsLong())) : Optional.empty(),
                CounterDefinition::windowText);
        agrees &= agrees(existing, fields, pointer, "max",
                f -> f.max.isPresent() ? Optional.of(Long.toString(f.max.getAsLong())) : Optional.empty(),
                d -> Long.toString(d.max()));
        agrees &= agrees(existing, fields, pointer, "scope", f -> f.scope.map(CounterResolver::wireName),
                d -> wireName(d.scope()));
        agrees &= agrees(existing, fields, pointer, "algorithm", f -> f.algorithm.map(CounterResolver::wireName),
                d -> wireName(d.algorithm()));
        agrees &= agrees(existing, fields, pointer, "per", f -> f.per.map(ArgPath::text),
                d -> d.per().map(ArgPath::text).orElse("none"));
        return agrees ? Optional.of(existing) : Optional.empty();
    }

    /** Whether a field the limit gives agrees with the counter's definition; one it leaves out is inherited. */
    private boolean agrees(CounterDefinition existing, Fields fields, JsonPointer pointer, String field,
                           Function<Fields, Optional<String>> given, Function<CounterDefinition, String> defined) {
        String existingText = defined.apply(existing);
        Optional<String> givenText = given.apply(fields);
        if (givenText.isEmpty() || givenText.get().equals(existingText)) {
            return true;
        }
        context.report(DiagnosticCode.COUNTER_REDEFINED, pointer.appendProperty(field), existing.name(), field,
                givenText.get(), existingText, existing.position());
        return false;
    }

    private long increment(JsonNode node, JsonPointer pointer) {
        JsonNode increment = node.get("increment");
        if (increment == null) {
            return 1;
        }
        OptionalLong value = BuildContext.wholeNumber(increment);
        if (value.isEmpty() || value.getAsLong() <= 0) {
            context.report(DiagnosticCode.INVALID_INCREMENT, pointer.appendProperty("increment"),
                    BuildContext.show(increment));
            return 0;
        }
        return value.getAsLong();
    }

    private Fields read(JsonNode node, JsonPointer pointer) {
        Fields fields = new Fields();
        JsonNode window = node.get("window");
        if (window != null) {
            fields.window = windowMillis(window);
            if (fields.window.isEmpty()) {
                context.report(DiagnosticCode.INVALID_WINDOW, pointer.appendProperty("window"), BuildContext.show(window));
                fields.valid = false;
            }
        }
        JsonNode max = node.get("max");
        if (max != null) {
            fields.max = BuildContext.wholeNumber(max);
            if (fields.max.isEmpty() || fields.max.getAsLong() <= 0) {
                context.report(DiagnosticCode.INVALID_MAX, pointer.appendProperty("max"), BuildContext.show(max));
                fields.max = OptionalLong.empty();
                fields.valid = false;
            }
        }
        fields.scope = enumField(node, "scope", pointer, Scope.values());
        fields.algorithm = enumField(node, "algorithm", pointer, Algorithm.values());
        fields.valid &= node.get("scope") == null || fields.scope.isPresent();
        fields.valid &= node.get("algorithm") == null || fields.algorithm.isPresent();
        fields.per = argPath(node, "per", pointer);
        fields.valid &= !node.has("per") || fields.per.isPresent();
        return fields;
    }

    private static OptionalLong windowMillis(JsonNode window) {
        if (window.isString()) {
            Long named = NAMED_WINDOWS.get(window.stringValue());
            return named == null ? OptionalLong.empty() : OptionalLong.of(named);
        }
        OptionalLong seconds = BuildContext.wholeNumber(window);
        if (seconds.isEmpty() || seconds.getAsLong() <= 0 || seconds.getAsLong() > MAX_WINDOW_SECONDS) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(seconds.getAsLong() * 1_000L);
    }

    private <E extends Enum<E>> Optional<E> enumField(JsonNode node, String field, JsonPointer pointer, E[] values) {
        Optional<String> text = context.optionalString(node, field, pointer);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        for (E value : values) {
            if (wireName(value).equals(text.get())) {
                return Optional.of(value);
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (E value : values) {
            allowed.append(allowed.length() == 0 ? "" : ", ").append(wireName(value));
        }
        context.malformed(pointer.appendProperty(field), "'" + field + "' must be one of " + allowed + ", got "
                + Value.quote(text.get()));
        return Optional.empty();
    }

    private Optional<ArgPath> argPath(JsonNode node, String field, JsonPointer pointer) {
        JsonNode value = node.get(field);
        if (value == null) {
            return Optional.empty();
        }
        Optional<ArgPath> path = value.isString() ? ArgPath.parse(value.stringValue()) : Optional.empty();
        if (path.isEmpty()) {
            context.report(DiagnosticCode.PATH_NOT_ARGS, pointer.appendProperty(field), "'" + field + "'",
                    BuildContext.show(value));
        }
        return path;
    }

    static String wireName(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** The definition fields a declaration or limit gives; absent ones are empty. */
    private static final class Fields {
        boolean valid = true;
        OptionalLong window = OptionalLong.empty();
        OptionalLong max = OptionalLong.empty();
        Optional<Scope> scope = Optional.empty();
        Optional<Algorithm> algorithm = Optional.empty();
        Optional<ArgPath> per = Optional.empty();

        CounterDefinition definition(String name, SourcePosition position) {
            return new CounterDefinition(name, algorithm.orElse(Algorithm.FIXED), max.getAsLong(),
                    window.getAsLong(), scope.orElse(Scope.GRANT), per, position);
        }
    }
}
