package dev.portcullis.compiler.dsl;

import dev.portcullis.compiler.diagnostic.Suggestions;
import dev.portcullis.compiler.dsl.grammar.PolicyLexer;
import java.util.Optional;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.RuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.ATNState;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * ANTLR's recovery (single-token insertion and deletion, resynchronisation on follow sets) with
 * messages a person can act on, and synchronisation at the start of every statement and at '}',
 * so one bad statement does not swallow the next.
 */
final class PolicyErrorStrategy extends DefaultErrorStrategy {

    // '}' needs no entry: inside a block it follows every statement, so ANTLR's follow sets hold it.
    private static final IntervalSet SYNC_POINTS = new IntervalSet(PolicyLexer.TOOL, PolicyLexer.COUNTER);

    @Override
    protected void reportNoViableAlternative(Parser parser, NoViableAltException e) {
        report(parser, e.getOffendingToken(), e.getExpectedTokens(), e.getCtx(), e);
    }

    @Override
    protected void reportInputMismatch(Parser parser, InputMismatchException e) {
        report(parser, e.getOffendingToken(), e.getExpectedTokens(), e.getCtx(), e);
    }

    @Override
    protected void reportUnwantedToken(Parser parser) {
        if (inErrorRecoveryMode(parser)) {
            return;
        }
        beginErrorCondition(parser);
        report(parser, parser.getCurrentToken(), getExpectedTokens(parser), parser.getContext(), null);
    }

    @Override
    protected void reportMissingToken(Parser parser) {
        if (inErrorRecoveryMode(parser)) {
            return;
        }
        beginErrorCondition(parser);
        report(parser, parser.getCurrentToken(), getExpectedTokens(parser), parser.getContext(), null);
    }

    /**
     * Before each statement of a file or block: junk that cannot start one is reported once and
     * skipped up to the next statement or '}', and the loop goes on. ANTLR's default gives up on the
     * whole loop when the junk is at its start, which would hide every later error.
     */
    @Override
    public void sync(Parser parser) {
        ATNState state = parser.getInterpreter().atn.states.get(parser.getState());
        int next = parser.getInputStream().LA(1);
        IntervalSet expected = parser.getATN().nextTokens(state);
        if (expected.contains(next) || expected.contains(Token.EPSILON) && parser.getExpectedTokens().contains(next)) {
            return;
        }
        switch (state.getStateType()) {
            case ATNState.STAR_LOOP_ENTRY, ATNState.STAR_LOOP_BACK, ATNState.PLUS_LOOP_BACK, ATNState.PLUS_BLOCK_START -> {
                if (!inErrorRecoveryMode(parser)) {
                    if (singleTokenDeletion(parser) != null) {
                        return;
                    }
                    reportUnwantedToken(parser);
                }
                consumeUntil(parser, parser.getExpectedTokens().or(getErrorRecoverySet(parser)));
            }
            default -> { }
        }
    }

    @Override
    protected IntervalSet getErrorRecoverySet(Parser recognizer) {
        IntervalSet set = super.getErrorRecoverySet(recognizer);
        set.addAll(SYNC_POINTS);
        return set;
    }

    private static void report(Parser parser, Token found, IntervalSet expected, RuleContext context,
            RecognitionException e) {
        parser.notifyErrorListeners(found, message(found, expected, context), e);
    }

    static String message(Token found, IntervalSet expected, RuleContext context) {
        if (found.getType() == PolicyLexer.UNTERMINATED_STRING) {
            return "unterminated string: close it with '\"' before the end of the line";
        }
        String message = "expected " + TokenWords.expected(expected, context) + ", found " + TokenWords.found(found);
        return message + hint(found, expected);
    }

    private static String hint(Token found, IntervalSet expected) {
        String text = found.getText();
        switch (found.getType()) {
            case PolicyLexer.ASSIGN:
                if (expected.contains(PolicyLexer.EQ)) {
                    return "; did you mean '=='?";
                }
                return "";
            case PolicyLexer.UNEXPECTED_CHAR:
                return switch (text) {
                    case "'" -> " (strings are written in double quotes)";
                    case "&" -> " (write 'and')";
                    case "|" -> " (write 'or')";
                    case "!" -> " (write 'not', or '!=' to compare)";
                    case ";" -> " (statements need no ';')";
                    default -> "";
                };
            case PolicyLexer.NAME:
                break;
            default:
                if (!TokenWords.KEYWORDS.contains(found.getType())) {
                    return "";
                }
        }
        Optional<String> suggestion = Suggestions.closest(text, TokenWords.keywords(expected));
        return suggestion.map(word -> "; did you mean '" + word + "'?").orElse("");
    }
}
