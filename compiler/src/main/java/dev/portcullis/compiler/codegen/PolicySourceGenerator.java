package dev.portcullis.compiler.codegen;

import dev.portcullis.compiler.ir.ArgPath;
import dev.portcullis.compiler.ir.Condition;
import dev.portcullis.compiler.ir.EntryAction;
import dev.portcullis.compiler.ir.Policy;
import dev.portcullis.compiler.ir.Rule;
import dev.portcullis.compiler.ir.StatePath;
import dev.portcullis.compiler.ir.ToolEntry;
import dev.portcullis.compiler.ir.Value;
import dev.portcullis.runtime.Decision;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the Java source of a policy's class from its IR. The class extends
 * {@link dev.portcullis.runtime.eval.GeneratedPolicy} and implements {@code decide}, the same few lines
 * in every class so that its call of {@code check} is bound to one class, and {@code check}: a dispatch on
 * the entry index, then each entry's deny and approval rules as straight-line code, in the
 * interpreter's order (the entry's {@code action: deny}, {@code all_tools}' {@code action: deny}, the
 * entry's rules, {@code all_tools}' rules, then the approval checks in the same order).
 *
 * <p>No text of the policy reaches the source: literals, regexes, paths and decisions are read from
 * arrays by index. Code is split by weight (roughly one unit per comparison or statement, some 30
 * bytes of bytecode) so that no method comes near HotSpot's 8,000-byte JIT limit, let alone the
 * JVM's 64 KB limit, however large the policy: large conditions move into helper methods, large
 * entries into chains of methods, and the dispatch becomes a tree of range tests.
 */
final class PolicySourceGenerator {

    static final String PACKAGE = "dev.portcullis.generated";
    private static final String CLASS_TOKEN = "__POLICY_CLASS__";
    /** A condition of at most this many nodes is written inline. */
    private static final int INLINE_WEIGHT = 24;
    /** The most weight one generated method holds (about 3 KB of bytecode). */
    private static final int METHOD_BUDGET = 96;
    /** The most leaves one dispatch method tests by range. */
    private static final int DISPATCH_FANOUT = 32;
    private static final String PARAMS = "(ToolCall c, Map a)";
    private static final String ARGS = "(c, a)";

    private final Policy policy;
    private final TablesBuilder tables;
    private final StringBuilder methods = new StringBuilder();
    private final Map<Condition, Integer> weights = new IdentityHashMap<>();
    private int methodCount;

    private PolicySourceGenerator(Policy policy) {
        this.policy = policy;
        this.tables = new TablesBuilder(policy);
    }

    /**
     * @throws IllegalArgumentException when the IR cannot be compiled (a {@code state.} path naming no
     *                                  counter); the checks report such policies before this
     */
    static GeneratedSource generate(Policy policy) {
        return new PolicySourceGenerator(policy).generate();
    }

    private record Stmt(String code, int weight, boolean terminal) {
    }

    private record Expr(String code, int weight) {
    }

    /** A run of consecutive entries whose checks share one method. */
    private record Chunk(int firstEntry, String call) {
    }

    private GeneratedSource generate() {
        ToolEntry allTools = policy.allTools().orElse(null);
        String allDeny = allTools == null ? null : sectionCall(denyStatements(allTools), "allDeny");
        String allApproval = allTools == null ? null : sectionCall(approvalStatements(allTools), "allApproval");

        List<ToolEntry> own = new ArrayList<>(policy.tools().values());
        own.addAll(policy.globs());
        own.add(null); // the no-entry entry: only all_tools applies
        List<Chunk> chunks = new ArrayList<>();
        StringBuilder cases = new StringBuilder();
        int chunkWeight = 0;
        int chunkFirst = 0;
        for (int entry = 0; entry < own.size(); entry++) {
            List<Stmt> body = entryStatements(own.get(entry), allTools, allDeny, allApproval);
            String caseBody;
            int weight = weightOf(body);
            if (weight > METHOD_BUDGET) {
                caseBody = "return " + chain(body, "entry") + ";";
                weight = 1;
            } else {
                caseBody = join(body);
            }
            if (chunkWeight + weight > METHOD_BUDGET && cases.length() > 0) {
                chunks.add(new Chunk(chunkFirst, chunkMethod(cases)));
                cases.setLength(0);
                chunkWeight = 0;
                chunkFirst = entry;
            }
            cases.append("      case ").append(entry).append(": {\n        ").append(caseBody).append("\n      }\n");
            chunkWeight += weight + 1;
        }
        chunks.add(new Chunk(chunkFirst, chunkMethod(cases)));

        String source = classSource(dispatch(chunks));
        String hash = sha256(source);
        String simpleName = "Policy_" + hash.substring(0, 16);
        return new GeneratedSource(PACKAGE + "." + simpleName, source.replace(CLASS_TOKEN, simpleName), hash,
                tables.build());
    }

    private String classSource(String checkBody) {
        return "package " + PACKAGE + ";\n\n"
                + "import dev.portcullis.runtime.Decision;\n"
                + "import dev.portcullis.runtime.ToolCall;\n"
                + "import dev.portcullis.runtime.counter.CounterStore;\n"
                + "import dev.portcullis.runtime.eval.GeneratedPolicy;\n"
                + "import dev.portcullis.runtime.eval.PolicyTables;\n"
                + "import java.util.Map;\n\n"
                + "// Generated by Portcullis from a policy's IR; every text of the policy is in its PolicyTables.\n"
                + "public final class " + CLASS_TOKEN + " extends GeneratedPolicy {\n\n"
                + "  private final Decision[] d;\n\n"
                + "  public " + CLASS_TOKEN + "(PolicyTables t, CounterStore store) {\n"
                + "    super(t, store);\n"
                + "    d = decisions;\n"
                + "  }\n\n"
                + "  public Decision decide(ToolCall c) {\n"
                + "    try {\n"
                + "      GeneratedPolicy.Route r = routeOf(c.tool());\n"
                + "      if (r.decided() != null) return r.decided();\n"
                + "      Decision checked = check(r.entry(), c, c.arguments());\n"
                + "      return checked != null ? checked : admit(r, c);\n"
                + "    } catch (Exception e) {\n"
                + "      return Decision.evaluationFailed(e);\n"
                + "    } catch (StackOverflowError e) {\n"
                + "      return Decision.evaluationFailed(e);\n"
                + "    }\n"
                + "  }\n\n"
                + "  protected Decision check(int e, ToolCall c, Map a) {\n"
                + "    " + checkBody + "\n"
                + "  }\n"
                + methods
                + "}\n";
    }

    // --- entries ---

    private List<Stmt> entryStatements(ToolEntry own, ToolEntry allTools, String allDeny, String allApproval) {
        List<Stmt> body = new ArrayList<>();
        if (own != null && own.action() == EntryAction.DENY) {
            body.add(returning(Decision.deny(own.id(), own.reason())));
            return body;
        }
        if (allTools != null && allTools.action() == EntryAction.DENY) {
            body.add(returning(Decision.deny(allTools.id(), allTools.reason())));
            return body;
        }
        if (own != null) {
            body.addAll(denyStatements(own));
            if (endsTerminal(body)) {
                return body;
            }
        }
        if (allDeny != null) {
            body.add(new Stmt("{ Decision r = " + allDeny + "; if (r != null) return r; }", 2, false));
        }
        if (own != null) {
            if (own.action() == EntryAction.REQUIRE_APPROVAL) {
                body.add(returning(Decision.requireApproval(own.id(), own.reason())));
                return body;
            }
            body.addAll(approvalStatements(own));
        }
        if (allTools != null && allApproval != null) {
            body.add(new Stmt("{ Decision r = " + allApproval + "; if (r != null) return r; }", 2, false));
        }
        body.add(new Stmt("return null;", 1, true));
        return body;
    }

    /** Step 4 of one entry: its rules in order; stops after an unconditional deny. */
    private List<Stmt> denyStatements(ToolEntry entry) {
        List<Stmt> statements = new ArrayList<>();
        for (Rule rule : entry.rules()) {
            if (rule instanceof Rule.Deny) {
                statements.add(returning(Decision.deny(rule.id(), rule.reason())));
                break;
            } else if (rule instanceof Rule.Require require) {
                Expr holds = ref(require.condition());
                statements.add(new Stmt("if (!(" + holds.code() + ")) return d[" + decision(Decision.deny(rule.id(), rule.reason()))
                        + "];", holds.weight() + 1, false));
            } else if (rule instanceof Rule.DenyIf denyIf) {
                Expr holds = ref(denyIf.condition());
                statements.add(new Stmt("if (" + holds.code() + ") return d[" + decision(Decision.deny(rule.id(), rule.reason()))
                        + "];", holds.weight() + 1, false));
            }
        }
        return statements;
    }

    /** Step 5 of one entry: its {@code action: require_approval}, else its approval rules in order. */
    private List<Stmt> approvalStatements(ToolEntry entry) {
        List<Stmt> statements = new ArrayList<>();
        if (entry.action() == EntryAction.REQUIRE_APPROVAL) {
            statements.add(returning(Decision.requireApproval(entry.id(), entry.reason())));
            return statements;
        }
        for (Rule rule : entry.rules()) {
            if (rule instanceof Rule.RequireApproval approval) {
                Expr holds = ref(approval.condition());
                statements.add(new Stmt("if (" + holds.code() + ") return d["
                        + decision(Decision.requireApproval(rule.id(), rule.reason())) + "];", holds.weight() + 1, false));
            }
        }
        return statements;
    }

    private Stmt returning(Decision decision) {
        return new Stmt("return d[" + decision(decision) + "];", 1, true);
    }

    private int decision(Decision decision) {
        return tables.decision(decision);
    }

    /** A method (chain) returning the section's first decision or {@code null}; {@code null} for no statements. */
    private String sectionCall(List<Stmt> statements, String purpose) {
        if (statements.isEmpty()) {
            return null;
        }
        List<Stmt> body = new ArrayList<>(statements);
        if (!endsTerminal(body)) {
            body.add(new Stmt("return null;", 1, true));
        }
        return chain(body, purpose);
    }

    /** Splits statements (ending in a terminal one) into methods of bounded weight, each calling the next. */
    private String chain(List<Stmt> body, String purpose) {
        List<List<Stmt>> parts = new ArrayList<>();
        List<Stmt> part = new ArrayList<>();
        int weight = 0;
        for (Stmt statement : body) {
            if (weight + statement.weight() > METHOD_BUDGET && !part.isEmpty()) {
                parts.add(part);
                part = new ArrayList<>();
                weight = 0;
            }
            part.add(statement);
            weight += statement.weight();
        }
        parts.add(part);
        String next = null;
        for (int i = parts.size() - 1; i >= 0; i--) {
            List<Stmt> statements = new ArrayList<>(parts.get(i));
            if (next != null) {
                statements.add(new Stmt("return " + next + ";", 1, true));
            }
            next = method("Decision", purpose, PARAMS, join(statements)) + ARGS;
        }
        return next;
    }

    private String chunkMethod(StringBuilder cases) {
        return method("Decision", "checks", "(int e, ToolCall c, Map a)",
                "switch (e) {\n" + cases + "    }\n    return null;");
    }

    /** The body of {@code check}: a tree of range tests over the chunks' first entries. */
    private String dispatch(List<Chunk> chunks) {
        if (chunks.size() == 1) {
            return "return " + chunks.get(0).call() + "(e, c, a);";
        }
        List<Chunk> level = chunks;
        while (level.size() > DISPATCH_FANOUT) {
            List<Chunk> grouped = new ArrayList<>();
            int groupSize = (level.size() + DISPATCH_FANOUT - 1) / DISPATCH_FANOUT;
            for (int from = 0; from < level.size(); from += groupSize) {
                List<Chunk> group = level.subList(from, Math.min(level.size(), from + groupSize));
                String body = rangeTree(group, 0, group.size() - 1);
                grouped.add(new Chunk(group.get(0).firstEntry(), method("Decision", "dispatch", "(int e, ToolCall c, Map a)", body)));
            }
            level = grouped;
        }
        return rangeTree(level, 0, level.size() - 1);
    }

    private static String rangeTree(List<Chunk> chunks, int low, int high) {
        if (low == high) {
            return "return " + chunks.get(low).call() + "(e, c, a);";
        }
        int middle = (low + high + 1) / 2;
        return "if (e < " + chunks.get(middle).firstEntry() + ") { " + rangeTree(chunks, low, middle - 1) + " } else { "
                + rangeTree(chunks, middle, high) + " }";
    }

    // --- conditions ---

    /** The condition as an expression of bounded weight: inline when small, else a call of helper methods. */
    private Expr ref(Condition condition) {
        int weight = weight(condition);
        if (weight <= INLINE_WEIGHT) {
            return new Expr(inline(condition), weight);
        }
        String body;
        if (condition instanceof Condition.Not not) {
            body = "!(" + ref(not.condition()).code() + ")";
        } else if (condition instanceof Condition.All all) {
            body = combine(all.conditions().stream().map(this::ref).toList(), " && ");
        } else {
            body = combine(((Condition.Any) condition).conditions().stream().map(this::ref).toList(), " || ");
        }
        return new Expr(method("boolean", "condition", PARAMS, "return " + body + ";") + ARGS, 1);
    }

    /** Joins the parts with {@code operator}, moving runs of them into helper methods until they fit one. */
    private String combine(List<Expr> parts, String operator) {
        List<Expr> level = parts;
        while (weightOfExprs(level) > METHOD_BUDGET) {
            List<Expr> grouped = new ArrayList<>();
            List<Expr> group = new ArrayList<>();
            int weight = 0;
            for (Expr part : level) {
                if (weight + part.weight() > METHOD_BUDGET && !group.isEmpty()) {
                    grouped.add(groupMethod(group, operator));
                    group = new ArrayList<>();
                    weight = 0;
                }
                group.add(part);
                weight += part.weight();
            }
            grouped.add(groupMethod(group, operator));
            level = grouped;
        }
        return joinExprs(level, operator);
    }

    private Expr groupMethod(List<Expr> group, String operator) {
        return new Expr(method("boolean", "condition", PARAMS, "return " + joinExprs(group, operator) + ";") + ARGS, 1);
    }

    private static String joinExprs(List<Expr> parts, String operator) {
        StringBuilder joined = new StringBuilder("(");
        for (int i = 0; i < parts.size(); i++) {
            joined.append(i == 0 ? "" : operator).append(parts.get(i).code());
        }
        return joined.append(')').toString();
    }

    private String inline(Condition condition) {
        if (condition instanceof Condition.Comparison comparison) {
            return comparison(comparison);
        }
        if (condition instanceof Condition.Not not) {
            return "!(" + inline(not.condition()) + ")";
        }
        boolean all = condition instanceof Condition.All;
        List<Condition> parts = all ? ((Condition.All) condition).conditions() : ((Condition.Any) condition).conditions();
        if (parts.isEmpty()) {
            return all ? "true" : "false";
        }
        StringBuilder joined = new StringBuilder("(");
        for (int i = 0; i < parts.size(); i++) {
            joined.append(i == 0 ? "" : all ? " && " : " || ").append(inline(parts.get(i)));
        }
        return joined.append(')').toString();
    }

    private String comparison(Condition.Comparison comparison) {
        String actual = comparison.path() instanceof ArgPath path
                ? "arg(a, " + tables.path(path) + ")"
                : "state(" + tables.counter(((StatePath) comparison.path()).counter()) + ", c)";
        Value value = comparison.value();
        return switch (comparison.operator()) {
            case EXISTS -> "(" + actual + (((Value.BooleanValue) value).value() ? " != null)" : " == null)");
            case REGEX -> "regex(" + actual + ", " + tables.regex(((Value.StringValue) value).value()) + ")";
            case EQ -> call("eq", actual, value);
            case NEQ -> call("neq", actual, value);
            case IN -> call("in", actual, value);
            case NOT_IN -> call("notIn", actual, value);
            case LT -> call("lt", actual, value);
            case LTE -> call("lte", actual, value);
            case GT -> call("gt", actual, value);
            case GTE -> call("gte", actual, value);
            case CONTAINS -> call("contains", actual, value);
            case STARTS_WITH -> call("startsWith", actual, value);
            case ENDS_WITH -> call("endsWith", actual, value);
        };
    }

    private String call(String operator, String actual, Value literal) {
        return operator + "(" + actual + ", " + tables.literal(literal.javaValue()) + ")";
    }

    private int weight(Condition condition) {
        Integer known = weights.get(condition);
        if (known != null) {
            return known;
        }
        int weight;
        if (condition instanceof Condition.Comparison) {
            weight = 1;
        } else if (condition instanceof Condition.Not not) {
            weight = 1 + weight(not.condition());
        } else {
            List<Condition> parts = condition instanceof Condition.All all ? all.conditions()
                    : ((Condition.Any) condition).conditions();
            weight = 1;
            for (Condition part : parts) {
                weight += weight(part);
            }
        }
        weights.put(condition, weight);
        return weight;
    }

    // --- helpers ---

    /** Appends a private method and returns its name. */
    private String method(String returnType, String purpose, String parameters, String body) {
        String name = purpose + methodCount++;
        methods.append("\n  private ").append(returnType).append(' ').append(name).append(parameters).append(" {\n    ")
                .append(body).append("\n  }\n");
        return name;
    }

    private static boolean endsTerminal(List<Stmt> statements) {
        return !statements.isEmpty() && statements.get(statements.size() - 1).terminal();
    }

    private static int weightOf(List<Stmt> statements) {
        int weight = 0;
        for (Stmt statement : statements) {
            weight += statement.weight();
        }
        return weight;
    }

    private static int weightOfExprs(List<Expr> parts) {
        int weight = 0;
        for (Expr part : parts) {
            weight += part.weight();
        }
        return weight;
    }

    private static String join(List<Stmt> statements) {
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < statements.size(); i++) {
            joined.append(i == 0 ? "" : "\n    ").append(statements.get(i).code());
        }
        return joined.toString();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
