package dev.portcullis.compiler.dsl;

import dev.portcullis.compiler.dsl.grammar.PolicyLexer;
import dev.portcullis.compiler.dsl.grammar.PolicyParser;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.antlr.v4.runtime.RuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Says in words what the parser expected and what it found, instead of ANTLR's token names:
 * "expected a tool name or '}'", not "expecting {NAME, GLOB, STRING, '}', 'policy', ...}".
 */
final class TokenWords {

    /** The keywords: every one may also serve as a name, which is why they are grouped away. */
    static final IntervalSet KEYWORDS = IntervalSet.of(PolicyLexer.POLICY, PolicyLexer.NULL);

    private static final IntervalSet NAME_PARTS = new IntervalSet(PolicyLexer.NAME, PolicyLexer.STRING,
            PolicyLexer.GLOB, PolicyLexer.NUMBER, PolicyLexer.DURATION).or(KEYWORDS);
    private static final IntervalSet VALUES = new IntervalSet(PolicyLexer.STRING, PolicyLexer.NUMBER,
            PolicyLexer.TRUE, PolicyLexer.FALSE, PolicyLexer.NULL, PolicyLexer.LBRACK, PolicyLexer.LBRACE);
    private static final IntervalSet WINDOWS = new IntervalSet(PolicyLexer.SECOND, PolicyLexer.MINUTE,
            PolicyLexer.HOUR, PolicyLexer.DAY, PolicyLexer.DURATION);
    private static final IntervalSet CONDITION_STARTS = new IntervalSet(PolicyLexer.ARGS, PolicyLexer.STATE,
            PolicyLexer.NOT, PolicyLexer.LPAREN, PolicyLexer.LBRACE);
    private static final IntervalSet OPERATORS = new IntervalSet(PolicyLexer.EQ, PolicyLexer.NEQ,
            PolicyLexer.LT, PolicyLexer.LTE, PolicyLexer.GT, PolicyLexer.GTE, PolicyLexer.IN, PolicyLexer.NOT,
            PolicyLexer.MATCHES, PolicyLexer.STARTS_WITH, PolicyLexer.ENDS_WITH, PolicyLexer.CONTAINS,
            PolicyLexer.EXISTS);
    private static final IntervalSet STATEMENTS = new IntervalSet(PolicyLexer.POLICY, PolicyLexer.DESCRIPTION,
            PolicyLexer.DEFAULT, PolicyLexer.HIDE, PolicyLexer.INCLUDE, PolicyLexer.COUNTER, PolicyLexer.TOOL,
            PolicyLexer.ALL);

    private static final int SHOWN_TEXT = 40;

    private TokenWords() {
    }

    /** What was found, for "expected X, found Y". */
    static String found(Token token) {
        return switch (token.getType()) {
            case Token.EOF -> "the end of the file";
            case PolicyLexer.STRING -> "the string " + shorten(token.getText());
            case PolicyLexer.NUMBER, PolicyLexer.DURATION -> "'" + shorten(token.getText()) + "'";
            case PolicyLexer.UNEXPECTED_CHAR -> character(token.getText());
            default -> "'" + shorten(token.getText()) + "'";
        };
    }

    /** What the parser would have accepted, in words, given where it was ({@code context}). */
    static String expected(IntervalSet expected, RuleContext context) {
        IntervalSet remaining = new IntervalSet(expected);
        List<String> words = new ArrayList<>();
        if (remaining.contains(PolicyLexer.NAME)) {
            words.add(namePhrase(context));
            remaining = remaining.subtract(NAME_PARTS);
            if (expected.contains(PolicyLexer.NUMBER) && isLimitReference(context)) {
                words.add("a limit like '10 per minute'");
            }
        }
        if (containsAll(remaining, STATEMENTS)) {
            for (int type : STATEMENTS.toList()) {
                words.add(type == PolicyLexer.ALL ? "'all tools'" : literal(type));
            }
            remaining = remaining.subtract(STATEMENTS);
            remaining.remove(Token.EOF);
            remaining.remove(PolicyLexer.LBRACE);
        }
        if (remaining.contains(PolicyLexer.ALLOW) && remaining.contains(PolicyLexer.STRING)) {
            // the start of a block, which may also hold an entry written as JSON: not worth mentioning
            remaining.remove(PolicyLexer.STRING);
        }
        if (containsAll(remaining, WINDOWS)) {
            words.add("a window ('second', 'minute', 'hour', 'day' or a duration like 90s)");
            remaining = remaining.subtract(WINDOWS);
        }
        if (remaining.contains(PolicyLexer.ARGS) && remaining.contains(PolicyLexer.NOT)) {
            words.add("a condition (such as args.name == \"x\")");
            remaining = remaining.subtract(CONDITION_STARTS);
        }
        if (remaining.contains(PolicyLexer.EQ) && remaining.contains(PolicyLexer.IN)) {
            words.add("an operator (==, !=, <, <=, >, >=, in, not in, matches, startsWith, endsWith, contains, exists)");
            remaining = remaining.subtract(OPERATORS);
        }
        if (remaining.contains(PolicyLexer.STRING) && remaining.contains(PolicyLexer.NUMBER)
                && remaining.contains(PolicyLexer.LBRACK)) {
            words.add("a value (a string, number, true, false, null, list or object)");
            remaining = remaining.subtract(VALUES);
        }
        for (int type : remaining.toList()) {
            words.add(single(type));
        }
        return join(new ArrayList<>(new LinkedHashSet<>(words)));
    }

    /** The keywords (as the user would type them) in {@code expected}: candidates for "did you mean". */
    static Set<String> keywords(IntervalSet expected) {
        Set<String> words = new LinkedHashSet<>();
        for (int type : expected.toList()) {
            if (KEYWORDS.contains(type)) {
                words.add(unquoted(type));
            }
        }
        return words;
    }

    private static String namePhrase(RuleContext context) {
        for (RuleContext c = context; c != null; c = c.parent) {
            String phrase = namePhraseOf(c);
            if (phrase != null) {
                return phrase;
            }
        }
        return "a name";
    }

    private static String namePhraseOf(RuleContext c) {
        if (c instanceof PolicyParser.ToolStatementContext || c instanceof PolicyParser.HideStatementContext
                || c instanceof PolicyParser.ToolKeyContext) {
            return "a tool name";
        }
        if (c instanceof PolicyParser.CounterStatementContext || c instanceof PolicyParser.LimitReferenceContext
                || c instanceof PolicyParser.LimitStatementContext) {
            return "a counter name";
        }
        if (c instanceof PolicyParser.PolicyStatementContext) {
            return "a policy name";
        }
        if (c instanceof PolicyParser.RuleDefinitionContext || c instanceof PolicyParser.RuleStatementContext) {
            return "a rule name";
        }
        if (c instanceof PolicyParser.PathContext || c instanceof PolicyParser.ArgsPathContext
                || c instanceof PolicyParser.SegmentContext) {
            return "an argument name";
        }
        return null;
    }

    private static boolean isLimitReference(RuleContext context) {
        for (RuleContext c = context; c != null; c = c.parent) {
            if (c instanceof PolicyParser.LimitReferenceContext || c instanceof PolicyParser.LimitStatementContext) {
                return true;
            }
        }
        return false;
    }

    private static String single(int type) {
        return switch (type) {
            case Token.EOF -> "the end of the file";
            case PolicyLexer.STRING -> "a string";
            case PolicyLexer.NUMBER -> "a number";
            case PolicyLexer.DURATION -> "a duration (90s, 5m, 1h, 1d)";
            case PolicyLexer.NAME -> "a name";
            case PolicyLexer.GLOB -> "a tool pattern";
            case PolicyLexer.ARGS -> "'args.' (an argument path)";
            default -> literal(type);
        };
    }

    private static boolean containsAll(IntervalSet set, IntervalSet required) {
        return required.subtract(set).isNil();
    }

    static String literal(int type) {
        String literal = PolicyLexer.VOCABULARY.getLiteralName(type);
        return literal != null ? literal : PolicyLexer.VOCABULARY.getDisplayName(type).toLowerCase(Locale.ROOT);
    }

    private static String unquoted(int type) {
        String literal = literal(type);
        return literal.startsWith("'") ? literal.substring(1, literal.length() - 1) : literal;
    }

    private static String join(List<String> words) {
        if (words.isEmpty()) {
            return "nothing more";
        }
        if (words.size() == 1) {
            return words.get(0);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }

    private static String shorten(String text) {
        return text.length() <= SHOWN_TEXT ? text : text.substring(0, SHOWN_TEXT) + "...";
    }

    private static String character(String text) {
        int codePoint = text.codePointAt(0);
        if (codePoint == '\'') {
            return "a single quote";
        }
        if (codePoint < 0x20 || codePoint == 0x7F || Character.isWhitespace(codePoint)
                || Character.getType(codePoint) == Character.FORMAT) {
            return String.format(Locale.ROOT, "the character U+%04X", codePoint);
        }
        return "the character '" + text + "'";
    }
}
