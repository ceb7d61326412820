package dev.portcullis.compiler.ir;

import java.util.Optional;

/** The comparison operators: Intercept's, plus {@code starts_with} and {@code ends_with}. */
public enum Operator {
    EQ("eq", Operand.ANY),
    NEQ("neq", Operand.ANY),
    IN("in", Operand.LIST),
    NOT_IN("not_in", Operand.LIST),
    LT("lt", Operand.NUMBER),
    LTE("lte", Operand.NUMBER),
    GT("gt", Operand.NUMBER),
    GTE("gte", Operand.NUMBER),
    REGEX("regex", Operand.STRING),
    CONTAINS("contains", Operand.SCALAR),
    EXISTS("exists", Operand.BOOLEAN),
    STARTS_WITH("starts_with", Operand.STRING),
    ENDS_WITH("ends_with", Operand.STRING);

    /** The kind of literal an operator takes. */
    public enum Operand {
        ANY("any"), LIST("a list"), NUMBER("a number"), STRING("a string"), SCALAR("a string, number or boolean"),
        BOOLEAN("a boolean");

        private final String description;

        Operand(String description) {
            this.description = description;
        }

        /** How a message names the kind, e.g. {@code "a list"}. */
        public String description() {
            return description;
        }
    }

    private final String wireName;
    private final Operand operand;

    Operator(String wireName, Operand operand) {
        this.wireName = wireName;
        this.operand = operand;
    }

    /** The spelling in policy files ({@code not_in}). */
    public String wireName() {
        return wireName;
    }

    public Operand operand() {
        return operand;
    }

    /** Whether {@code value} is a literal this operator can compare against. */
    public boolean accepts(Value value) {
        return switch (operand) {
            case ANY -> true;
            case LIST -> value instanceof Value.ListValue;
            case NUMBER -> value instanceof Value.NumberValue;
            case STRING -> value instanceof Value.StringValue;
            case BOOLEAN -> value instanceof Value.BooleanValue;
            case SCALAR -> !(value instanceof Value.ListValue);
        };
    }

    /** Whether the operator only holds for numbers ({@code lt lte gt gte}). */
    public boolean isOrdering() {
        return operand == Operand.NUMBER;
    }

    public static Optional<Operator> fromWireName(String name) {
        for (Operator op : values()) {
            if (op.wireName.equals(name)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }
}
