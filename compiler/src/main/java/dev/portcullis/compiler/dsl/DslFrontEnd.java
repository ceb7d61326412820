package dev.portcullis.compiler.dsl;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.frontend.CanonicalDocument;
import dev.portcullis.compiler.frontend.FrontEndResult;
import dev.portcullis.compiler.frontend.PolicyFrontEnd;
import dev.portcullis.compiler.frontend.PolicyLayerJsonFrontEnd;
import dev.portcullis.compiler.source.ReadLimits;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * The front end for {@code .policy} files: the DSL, or a JSON object taken as it is (every
 * canonical or PolicyLayer JSON document is a valid {@code .policy} file). Produces the canonical
 * document and a source map into the files the user wrote, or diagnostics and no document.
 *
 * <p>Never throws on bad input: oversized, non-UTF-8, binary, deeply nested or malformed files
 * all come back as diagnostics.
 */
public final class DslFrontEnd implements PolicyFrontEnd {

    /** The {@link CanonicalDocument#format()} of documents read by this front end. */
    public static final String FORMAT = "policy";

    private final IncludeResolver includes;
    private final ReadLimits limits;
    private final DslParser parser;
    private final PolicyLayerJsonFrontEnd json;

    /**
     * Includes are read from the file system, relative to the including file and confined to the
     * folder of the policy read ({@link IncludeResolver#fileSystem()}); default read limits.
     */
    public DslFrontEnd() {
        this(IncludeResolver.fileSystem());
    }

    public DslFrontEnd(IncludeResolver includes) {
        this(includes, ReadLimits.defaults());
    }

    /** {@code limits} apply to every file read, the included ones too. */
    public DslFrontEnd(IncludeResolver includes, ReadLimits limits) {
        this.includes = Objects.requireNonNull(includes, "includes");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.parser = new DslParser(limits);
        this.json = new PolicyLayerJsonFrontEnd(limits);
    }

    @Override
    public FrontEndResult read(String displayName, byte[] content) {
        return parse(displayName, content).result();
    }

    /** Like {@link #read}, keeping the text of every file read for rendering diagnostics. */
    public DslReadResult parse(String displayName, byte[] content) {
        ParsedFile parsed = parser.parse(displayName, content);
        if (parsed.json() != null) {
            return jsonDocument(parsed);
        }
        PolicyAssembler assembler = new PolicyAssembler(displayName, includes.forPolicy(displayName, limits), parser, json);
        ObjectNode tree = null;
        if (assembler.addRoot(parsed)) {
            tree = assembler.finish();
        }
        // A block shared by several tools (tool a, b { ... }) is lowered once per tool: report its problems once.
        List<Diagnostic> diagnostics = new ArrayList<>(new LinkedHashSet<>(assembler.diagnostics()));
        boolean failed = tree == null || diagnostics.stream().anyMatch(Diagnostic::isError);
        Optional<CanonicalDocument> document = failed ? Optional.empty()
                : Optional.of(new CanonicalDocument(displayName, FORMAT, tree, assembler.sourceMap()));
        return new DslReadResult(new FrontEndResult(document, List.copyOf(diagnostics)), assembler.sources());
    }

    /** A file that is one JSON object means exactly what it means as a {@code .json} file. */
    private DslReadResult jsonDocument(ParsedFile parsed) {
        FrontEndResult read = json.read(parsed.file(), parsed.json().getBytes(StandardCharsets.UTF_8));
        Optional<CanonicalDocument> document = read.document().map(doc ->
                new CanonicalDocument(doc.file(), FORMAT, doc.tree(), doc.sourceMap()));
        return new DslReadResult(new FrontEndResult(document, read.diagnostics()), Map.of(parsed.file(), parsed.text()));
    }
}
