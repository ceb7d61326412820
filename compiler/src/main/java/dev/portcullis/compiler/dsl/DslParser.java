package dev.portcullis.compiler.dsl;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import dev.portcullis.compiler.dsl.grammar.PolicyLexer;
import dev.portcullis.compiler.dsl.grammar.PolicyParser;
import dev.portcullis.compiler.source.ReadLimits;
import dev.portcullis.compiler.source.SourcePosition;
import dev.portcullis.compiler.source.SourceText;
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
 * Bytes to parse tree, defensively: the shared size, encoding and character checks first
 * ({@link SourceText}), then lexing under the nesting and string-length limits (the parser is
 * recursive descent, so unbounded nesting would overflow the stack), then the fast SLL parse,
 * falling back to full LL with error recovery only when SLL fails.
 */
final class DslParser {

    private final ReadLimits limits;

    DslParser(ReadLimits limits) {
        this.limits = limits;
    }

    ParsedFile parse(String file, byte[] content) {
        SourceText.Decoding decoding = SourceText.decode(file, content, limits);
        if (decoding.text().isEmpty()) {
            return ParsedFile.failed(file, null, decoding.diagnostics());
        }
        return parse(file, decoding.text().get());
    }

    ParsedFile parse(String file, String text) {
        PolicyLexer lexer = new PolicyLexer(CharStreams.fromString(text, file));
        lexer.removeErrorListeners();
        List<Token> tokens = new ArrayList<>();
        List<Token> comments = new ArrayList<>();
        NestingGauge gauge = new NestingGauge();
        for (Token token = lexer.nextToken(); token.getType() != Token.EOF; token = lexer.nextToken()) {
            String exceeded = token.getChannel() == Token.DEFAULT_CHANNEL ? exceededLimit(token, gauge) : null;
            if (exceeded != null) {
                SourcePosition at = new SourcePosition(file, token.getLine(), token.getCharPositionInLine() + 1);
                return ParsedFile.failed(file, text,
                        List.of(Diagnostic.of(DiagnosticCode.INPUT_LIMIT_EXCEEDED, at, exceeded)));
            }
            if (token.getChannel() != Token.DEFAULT_CHANNEL && token.getType() != PolicyLexer.WS) {
                comments.add(token);
            }
            tokens.add(token);
        }
        CommonTokenStream stream = new CommonTokenStream(new ListTokenSource(tokens, file));
        PolicyParser parser = new PolicyParser(stream);
        parser.removeErrorListeners();
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new BailErrorStrategy());
        PolicyParser.DocumentContext tree;
        try {
            tree = parser.document();
        } catch (ParseCancellationException sllFailed) {
            tree = null;
        }
        if (tree == null) {
            stream.seek(0);
            parser.reset();
            SyntaxErrorCollector errors = new SyntaxErrorCollector(file);
            parser.addErrorListener(errors);
            parser.setErrorHandler(new PolicyErrorStrategy());
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            try {
                tree = parser.document();
            } catch (ParseCancellationException tooManyErrors) {
                tree = null;
            }
            if (!errors.diagnostics().isEmpty()) {
                return ParsedFile.failed(file, text, errors.diagnostics());
            }
        }
        String json = tree instanceof PolicyParser.JsonDocumentContext ? blank(text, comments) : null;
        return new ParsedFile(file, text, tree, json, List.of());
    }

    private String exceededLimit(Token token, NestingGauge gauge) {
        if (gauge.exceeds(token, limits.maxNestingDepth())) {
            return "nesting deeper than " + limits.maxNestingDepth() + " levels";
        }
        if (token.getType() == PolicyLexer.STRING && token.getText().length() - 2 > limits.maxStringLength()) {
            return "a string longer than " + limits.maxStringLength() + " characters";
        }
        return null;
    }

    /** The text with every comment replaced by spaces, so what remains is JSON at unchanged positions. */
    private static String blank(String text, List<Token> comments) {
        if (comments.isEmpty()) {
            return text;
        }
        char[] chars = text.toCharArray();
        // token indexes count code points, Java strings count UTF-16 units: walk both in step
        int codePoint = 0;
        int unit = 0;
        for (Token comment : comments) {
            while (codePoint < comment.getStartIndex()) {
                unit += Character.charCount(text.codePointAt(unit));
                codePoint++;
            }
            int from = unit;
            while (codePoint <= comment.getStopIndex()) {
                unit += Character.charCount(text.codePointAt(unit));
                codePoint++;
            }
            for (int i = from; i < unit; i++) {
                if (chars[i] != '\n' && chars[i] != '\r') {
                    chars[i] = ' ';
                }
            }
        }
        return new String(chars);
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
