package dev.portcullis.compiler.check;

import dev.portcullis.compiler.ir.Condition;
import dev.portcullis.compiler.ir.Rule;
import dev.portcullis.compiler.ir.ToolEntry;
import java.util.Optional;
import java.util.stream.Stream;

/** Walks the conditions of the IR, for checks. */
final class Conditions {

    private Conditions() {
    }

    /** The condition a rule tests, if any. */
    static Optional<Condition> of(Rule rule) {
        if (rule instanceof Rule.Require r) {
            return Optional.of(r.condition());
        }
        if (rule instanceof Rule.DenyIf r) {
            return Optional.of(r.condition());
        }
        if (rule instanceof Rule.RequireApproval r) {
            return Optional.of(r.condition());
        }
        return Optional.empty();
    }

    /** Every comparison of an entry's rules, in order. */
    static Stream<Condition.Comparison> comparisons(ToolEntry entry) {
        return entry.rules().stream().flatMap(rule -> of(rule).stream()).flatMap(Conditions::comparisons);
    }

    /** Every comparison in a condition, depth first. */
    static Stream<Condition.Comparison> comparisons(Condition condition) {
        if (condition instanceof Condition.Comparison comparison) {
            return Stream.of(comparison);
        }
        if (condition instanceof Condition.All all) {
            return all.conditions().stream().flatMap(Conditions::comparisons);
        }
        if (condition instanceof Condition.Any any) {
            return any.conditions().stream().flatMap(Conditions::comparisons);
        }
        return comparisons(((Condition.Not) condition).condition());
    }

    /** Every condition node, depth first, the node itself first. */
    static Stream<Condition> nodes(Condition condition) {
        Stream<Condition> children;
        if (condition instanceof Condition.All all) {
            children = all.conditions().stream().flatMap(Conditions::nodes);
        } else if (condition instanceof Condition.Any any) {
            children = any.conditions().stream().flatMap(Conditions::nodes);
        } else if (condition instanceof Condition.Not not) {
            children = nodes(not.condition());
        } else {
            children = Stream.empty();
        }
        return Stream.concat(Stream.of(condition), children);
    }

    /** The value of a condition that holds or fails whatever the call ({@code all []}, {@code any []}). */
    static Optional<Boolean> constant(Condition condition) {
        if (condition instanceof Condition.All all) {
            boolean allTrue = true;
            for (Condition c : all.conditions()) {
                Optional<Boolean> value = constant(c);
                if (value.isPresent() && !value.get()) {
                    return Optional.of(false);
                }
                allTrue &= value.orElse(false);
            }
            return allTrue ? Optional.of(true) : Optional.empty();
        }
        if (condition instanceof Condition.Any any) {
            boolean allFalse = true;
            for (Condition c : any.conditions()) {
                Optional<Boolean> value = constant(c);
                if (value.isPresent() && value.get()) {
                    return Optional.of(true);
                }
                allFalse &= value.isPresent();
            }
            return allFalse ? Optional.of(false) : Optional.empty();
        }
        if (condition instanceof Condition.Not not) {
            return constant(not.condition()).map(value -> !value);
        }
        return Optional.empty();
    }

    /** Whether a rule denies every call that reaches it. */
    static boolean deniesEveryCall(Rule rule) {
        if (rule instanceof Rule.Deny) {
            return true;
        }
        if (rule instanceof Rule.Require r) {
            return constant(r.condition()).equals(Optional.of(false));
        }
        if (rule instanceof Rule.DenyIf r) {
            return constant(r.condition()).equals(Optional.of(true));
        }
        return false;
    }
}
