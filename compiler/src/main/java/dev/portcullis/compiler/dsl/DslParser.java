package dev.portcullis.compiler.dsl;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import dev.portcullis.compiler.dsl.grammar.PolicyLexer;
import dev.portcullis.compiler.dsl.grammar.PolicyParser;
import dev.portcullis.compiler.source.SourcePosition;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Bytes to parse tree, defensively: decoding and size checks first, then lexing with a nesting cap
 * (the parser is recursive descent, so unbounded nesting would overflow the stack), then the fast
 * SLL parse, falling back to full LL with error recovery only when SLL fails.
 */
final class DslParser {

    /** Real policies nest a handful of levels; this leaves room for generated JSON and stays far from the stack. */
    static final int MAX_NESTING = 100;

    private DslParser() {
    }

    static ParsedFile parse(String file, byte[] content) {
        SourceDecoder.Decoded decoded = SourceDecoder.decode(file, content);
        if (!decoded.ok()) {
            return new ParsedFile(file, null, null, List.of(decoded.problem()));
        }
        return parse(file, decoded.text());
    }

    static ParsedFile parse(String file, String text) {
        PolicyLexer lexer = new PolicyLexer(CharStreams.fromString(text, file));
        lexer.removeErrorListeners();
        List<Token> tokens = new ArrayList<>();
        NestingGauge gauge = new NestingGauge();
        for (Token token = lexer.nextToken(); token.getType() != Token.EOF; token = lexer.nextToken()) {
            if (token.getChannel() == Token.DEFAULT_CHANNEL && gauge.exceeds(token, MAX_NESTING)) {
                SourcePosition at = new SourcePosition(file, token.getLine(), token.getCharPositionInLine() + 1);
                return new ParsedFile(file, text, null,
                        List.of(Diagnostic.of(DiagnosticCode.DSL_NESTING_TOO_DEEP, at, MAX_NESTING)));
            }
            tokens.add(token);
        }
        ListTokenSource source = new ListTokenSource(tokens, file);
        CommonTokenStream stream = new CommonTokenStream(source);
        PolicyParser parser = new PolicyParser(stream);
        parser.removeErrorListeners();
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new BailErrorStrategy());
        try {
            return new ParsedFile(file, text, parser.document(), List.of());
        } catch (ParseCancellationException sllFailed) {
            stream.seek(0);
            parser.reset();
        }
        SyntaxErrorCollector errors = new SyntaxErrorCollector(file);
        parser.addErrorListener(errors);
        parser.setErrorHandler(new PolicyErrorStrategy());
        parser.getInterpreter().setPredictionMode(PredictionMode.LL);
        PolicyParser.DocumentContext tree;
        try {
            tree = parser.document();
        } catch (ParseCancellationException tooManyErrors) {
            tree = null;
        }
        List<Diagnostic> diagnostics = errors.diagnostics();
        return new ParsedFile(file, text, diagnostics.isEmpty() ? tree : null, diagnostics);
    }

    /**
     * How deep the parser will have to recurse: open brackets plus a run of prefix {@code not}s
     * (each {@code not} nests the condition after it, without a bracket to show it).
     */
    private static final class NestingGauge {
        private int brackets;
        private int notRun;

        boolean exceeds(Token token, int limit) {
            switch (token.getType()) {
                case PolicyLexer.LPAREN, PolicyLexer.LBRACK, PolicyLexer.LBRACE -> brackets++;
                case PolicyLexer.RPAREN, PolicyLexer.RBRACK, PolicyLexer.RBRACE -> brackets = Math.max(0, brackets - 1);
                default -> { }
            }
            if (token.getType() == PolicyLexer.NOT) {
                notRun++;
            } else if (token.getType() != PolicyLexer.LPAREN) {
                notRun = 0;
            }
            return brackets + notRun > limit;
        }
    }
}
