package dev.portcullis.compiler.check;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import dev.portcullis.compiler.ir.Condition;
import dev.portcullis.compiler.ir.Operator;
import dev.portcullis.compiler.ir.Policy;
import dev.portcullis.compiler.ir.Rule;
import dev.portcullis.compiler.ir.ToolEntry;
import dev.portcullis.compiler.ir.Value;
import dev.portcullis.compiler.ir.ValuePath;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * PC060: conditions that no call can satisfy. A {@code require} that can never hold denies every call;
 * a {@code deny_if} that can never hold is dead. Cheap and sound: it only reports what is certain
 * under the interpreter's semantics, from pairs of comparisons on one path that must hold together
 * (the conditions of an entry's {@code require} and {@code evaluate} rules, and each {@code all}):
 * disjoint number ranges ({@code lt 5} and {@code gt 10}), operators that need different kinds of
 * value ({@code lt} needs a number, {@code regex} a string), {@code exists false} with any other test,
 * {@code eq} of two different strings, numbers or booleans, {@code eq} and {@code neq} of one value;
 * and {@code in []} or {@code any []} alone. Ranges need no more than pairs: intervals on a line with
 * no common point always include two disjoint ones.
 */
public final class ImpossibleConditionCheck implements PolicyCheck {

    /** The kinds of argument value a comparison can hold for. */
    private enum Kind { NUMBER, STRING, BOOLEAN, LIST, OBJECT }

    @Override
    public void check(Policy policy, CheckContext context, Consumer<Diagnostic> report) {
        for (ToolEntry entry : policy.entries()) {
            List<Condition.Comparison> required = new ArrayList<>();
            for (Rule rule : entry.rules()) {
                if (rule instanceof Rule.Require require) {
                    visit(require.condition(), required, report);
                } else {
                    Conditions.of(rule).ifPresent(condition -> {
                        List<Condition.Comparison> own = new ArrayList<>();
                        visit(condition, own, report);
                        analyse(own, report);
                    });
                }
            }
            analyse(required, report);
        }
    }

    /** Adds the comparisons that must hold together with {@code conjunction}; analyses nested groups apart. */
    private void visit(Condition condition, List<Condition.Comparison> conjunction, Consumer<Diagnostic> report) {
        if (condition instanceof Condition.Comparison comparison) {
            conjunction.add(comparison);
            if (kinds(comparison).isEmpty()) {
                report.accept(Diagnostic.of(DiagnosticCode.IMPOSSIBLE_CONDITION, comparison.position(),
                        comparison.text() + " (no value is in an empty list)"));
            }
        } else if (condition instanceof Condition.All all) {
            all.conditions().forEach(c -> visit(c, conjunction, report));
        } else if (condition instanceof Condition.Any any) {
            if (any.conditions().isEmpty()) {
                report.accept(Diagnostic.of(DiagnosticCode.IMPOSSIBLE_CONDITION, any.position(),
                        "any() of no condition"));
            }
            for (Condition alternative : any.conditions()) {
                List<Condition.Comparison> own = new ArrayList<>();
                visit(alternative, own, report);
                analyse(own, report);
            }
        } else {
            List<Condition.Comparison> own = new ArrayList<>();
            visit(((Condition.Not) condition).condition(), own, report);
            analyse(own, report);
        }
    }

    /** Reports the first conflicting pair on each path of a conjunction. */
    private void analyse(List<Condition.Comparison> conjunction, Consumer<Diagnostic> report) {
        Map<ValuePath, List<Condition.Comparison>> byPath = new LinkedHashMap<>();
        for (Condition.Comparison comparison : conjunction) {
            byPath.computeIfAbsent(comparison.path(), path -> new ArrayList<>()).add(comparison);
        }
        for (List<Condition.Comparison> group : byPath.values()) {
            conflict:
            for (int j = 1; j < group.size(); j++) {
                for (int i = 0; i < j; i++) {
                    if (conflict(group.get(i), group.get(j))) {
                        report.accept(Diagnostic.of(DiagnosticCode.IMPOSSIBLE_CONDITION, group.get(j).position(),
                                group.get(i).text() + " and " + group.get(j).text()));
                        break conflict;
                    }
                }
            }
        }
    }

    private static boolean conflict(Condition.Comparison a, Condition.Comparison b) {
        if (isAbsence(a) || isAbsence(b)) {
            return !(isAbsence(a) && isAbsence(b));
        }
        Set<Kind> common = kinds(a);
        common.retainAll(kinds(b));
        if (common.isEmpty()) {
            return true;
        }
        boolean numeric = a.operator().isOrdering() || b.operator().isOrdering()
                || (isEqualNumber(a) && isEqualNumber(b));
        if (numeric && bounds(a) != null && bounds(b) != null && disjoint(bounds(a), bounds(b))) {
            return true;
        }
        if (a.operator() == Operator.EQ && b.operator() == Operator.EQ) {
            return a.value().getClass() == b.value().getClass() && !(a.value() instanceof Value.NumberValue)
                    && !(a.value() instanceof Value.ListValue) && !a.value().equals(b.value());
        }
        boolean eqAndNeq = (a.operator() == Operator.EQ && b.operator() == Operator.NEQ)
                || (a.operator() == Operator.NEQ && b.operator() == Operator.EQ);
        return eqAndNeq && a.value().equals(b.value());
    }

    private static boolean isAbsence(Condition.Comparison c) {
        return c.operator() == Operator.EXISTS && c.value().equals(new Value.BooleanValue(false));
    }

    private static boolean isEqualNumber(Condition.Comparison c) {
        return c.operator() == Operator.EQ && c.value() instanceof Value.NumberValue;
    }

    private static Set<Kind> kinds(Condition.Comparison c) {
        return switch (c.operator()) {
            case LT, LTE, GT, GTE -> EnumSet.of(Kind.NUMBER);
            case REGEX, STARTS_WITH, ENDS_WITH -> EnumSet.of(Kind.STRING);
            case CONTAINS -> EnumSet.of(Kind.STRING, Kind.LIST);
            case EQ -> equalKinds(c.value());
            case IN -> {
                Set<Kind> kinds = EnumSet.noneOf(Kind.class);
                ((Value.ListValue) c.value()).values().forEach(v -> kinds.addAll(equalKinds(v)));
                yield kinds;
            }
            case NEQ, NOT_IN, EXISTS -> EnumSet.allOf(Kind.class);
        };
    }

    /** The kinds of value that can equal a literal (see {@code ValueSemantics.equal}). */
    private static Set<Kind> equalKinds(Value literal) {
        if (literal instanceof Value.NumberValue) {
            return EnumSet.of(Kind.NUMBER, Kind.STRING);
        }
        if (literal instanceof Value.BooleanValue) {
            return EnumSet.of(Kind.BOOLEAN, Kind.STRING);
        }
        if (literal instanceof Value.ListValue) {
            return EnumSet.of(Kind.LIST);
        }
        return EnumSet.of(Kind.STRING, Kind.BOOLEAN, Kind.NUMBER);
    }

    /** A number range: {@code lower}/{@code upper} may be null (unbounded). */
    private record Range(BigDecimal lower, boolean lowerOpen, BigDecimal upper, boolean upperOpen) {
    }

    private static Range bounds(Condition.Comparison c) {
        if (!(c.value() instanceof Value.NumberValue number)) {
            return null;
        }
        BigDecimal v = number.value();
        return switch (c.operator()) {
            case LT -> new Range(null, false, v, true);
            case LTE -> new Range(null, false, v, false);
            case GT -> new Range(v, true, null, false);
            case GTE -> new Range(v, false, null, false);
            case EQ -> new Range(v, false, v, false);
            default -> null;
        };
    }

    private static boolean disjoint(Range a, Range b) {
        return below(a, b) || below(b, a);
    }

    /** Whether every number of {@code a} is below every number of {@code b}. */
    private static boolean below(Range a, Range b) {
        if (a.upper() == null || b.lower() == null) {
            return false;
        }
        int order = a.upper().compareTo(b.lower());
        return order < 0 || (order == 0 && (a.upperOpen() || b.lowerOpen()));
    }
}
