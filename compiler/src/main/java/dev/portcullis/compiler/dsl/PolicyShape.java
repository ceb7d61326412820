package dev.portcullis.compiler.dsl;

import dev.portcullis.compiler.dsl.grammar.PolicyLexer;
import java.util.Set;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

/**
 * Whether a text begins the way a policy file does: with a statement ({@code policy}, {@code tool},
 * {@code counter}, ...), or with a JSON object whose first field is one a policy document has.
 *
 * <p>An included file that does not is refused whole, quoting none of it: policies may come from an
 * untrusted pull request, and a file that is no policy at all (a password list, a key, a
 * service-account JSON) must not reach build logs through the tokens a syntax error names or the
 * source lines diagnostics show. A policy fragment with a mistake still starts like a policy, so its
 * errors are reported in full.
 */
final class PolicyShape {

    private static final Set<Integer> STATEMENT_KEYWORDS = Set.of(PolicyLexer.POLICY, PolicyLexer.DESCRIPTION,
            PolicyLexer.DEFAULT, PolicyLexer.HIDE, PolicyLexer.INCLUDE, PolicyLexer.COUNTER, PolicyLexer.TOOL,
            PolicyLexer.ALL);
    private static final String SCHEMA_FIELD = "\"$schema\"";

    private PolicyShape() {
    }

    /** True also for a text of nothing but comments, which holds nothing to quote. */
    static boolean startsLikeAPolicy(String text) {
        PolicyLexer lexer = new PolicyLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        Token first = nextSignificant(lexer);
        if (first.getType() == Token.EOF || STATEMENT_KEYWORDS.contains(first.getType())) {
            return true;
        }
        if (first.getType() != PolicyLexer.LBRACE) {
            return false;
        }
        Token second = nextSignificant(lexer);
        if (second.getType() == PolicyLexer.RBRACE) {
            return true;
        }
        // a field name with escapes is no policy's: policy fields are plain words
        String field = second.getText();
        return second.getType() == PolicyLexer.STRING && (field.equals(SCHEMA_FIELD)
                || DslNames.DOCUMENT_FIELDS.contains(field.substring(1, field.length() - 1)));
    }

    private static Token nextSignificant(PolicyLexer lexer) {
        Token token = lexer.nextToken();
        while (token.getType() != Token.EOF && token.getChannel() != Token.DEFAULT_CHANNEL) {
            token = lexer.nextToken();
        }
        return token;
    }
}
