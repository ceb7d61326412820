package dev.portcullis.compiler;

import dev.portcullis.compiler.check.CheckContext;
import dev.portcullis.compiler.check.PolicyCheck;
import dev.portcullis.compiler.check.PolicyChecks;
import dev.portcullis.compiler.check.ToolCatalog;
import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import dev.portcullis.compiler.frontend.CanonicalDocument;
import dev.portcullis.compiler.frontend.FrontEndResult;
import dev.portcullis.compiler.dsl.DslFrontEnd;
import dev.portcullis.compiler.frontend.FrontEnds;
import dev.portcullis.compiler.ir.BuildResult;
import dev.portcullis.compiler.ir.IrBuilder;
import dev.portcullis.compiler.source.PolicyFileReader;
import dev.portcullis.compiler.source.SourceMap;
import dev.portcullis.compiler.source.SourcePosition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compiles policies: reads any supported file through the front ends and schema validation, builds
 * the IR, runs the checks, and hands out the reference interpreter of a policy without errors.
 * Immutable; configure with the {@code with...} methods.
 *
 * <pre>{@code
 * CompilationResult result = PolicyCompiler.standard()
 *         .withToolsList(Path.of("tools-list.json"))
 *         .load(Path.of("policies/fhir-export.yaml"));
 * result.diagnostics().forEach(System.err::println);   // file:line:col: error PC0xx: ...
 * CompiledPolicy policy = result.interpreter(counterStore);
 * }</pre>
 */
public final class PolicyCompiler {

    private static final Comparator<Diagnostic> BY_POSITION = Comparator
            .comparing((Diagnostic d) -> d.position().file())
            .thenComparingInt(d -> d.position().line())
            .thenComparingInt(d -> d.position().column());

    private final FrontEnds frontEnds;
    private final CheckContext context;
    /** The most diagnostics one compilation reports before summing up the rest. */
    public static final int MAX_REPORTED = 100;

    private final List<PolicyCheck> checks;
    private final List<Diagnostic> setupDiagnostics;

    private PolicyCompiler(FrontEnds frontEnds, CheckContext context, List<PolicyCheck> checks,
                           List<Diagnostic> setupDiagnostics) {
        this.frontEnds = frontEnds;
        this.context = context;
        this.checks = List.copyOf(checks);
        this.setupDiagnostics = List.copyOf(setupDiagnostics);
    }

    /**
     * Every supported format (PolicyLayer JSON, Intercept YAML, and the {@code .policy} DSL with includes
     * read from the file system) and the standard checks, without a tools list.
     */
    public static PolicyCompiler standard() {
        FrontEnds frontEnds = FrontEnds.standard().with(DslFrontEnd.FORMAT, new DslFrontEnd());
        return new PolicyCompiler(frontEnds, CheckContext.none(), PolicyChecks.standard(), List.of());
    }

    /** Reads files with these front ends (e.g. the standard ones plus the DSL). */
    public PolicyCompiler withFrontEnds(FrontEnds frontEnds) {
        return new PolicyCompiler(Objects.requireNonNull(frontEnds, "frontEnds"), context, checks, setupDiagnostics);
    }

    /** Checks tool names and argument paths against these tools. */
    public PolicyCompiler withTools(ToolCatalog tools) {
        return new PolicyCompiler(frontEnds, CheckContext.withTools(tools), checks, setupDiagnostics);
    }

    /**
     * Checks tool names and argument paths against a {@code tools/list} result file. A file that cannot
     * be read or understood becomes a {@code PC068} error in every compilation result.
     */
    public PolicyCompiler withToolsList(Path toolsList) {
        try {
            JsonNode tree = JsonMapper.builder().build().readTree(Files.readString(toolsList));
            return withTools(ToolCatalog.fromToolsList(tree));
        } catch (IOException | JacksonException | IllegalArgumentException e) {
            List<Diagnostic> diagnostics = new ArrayList<>(setupDiagnostics);
            diagnostics.add(Diagnostic.of(DiagnosticCode.INVALID_TOOLS_LIST, SourcePosition.ofFile(toolsList.toString()),
                    describe(e)));
            return new PolicyCompiler(frontEnds, CheckContext.none(), checks, diagnostics);
        }
    }

    private static String describe(Exception e) {
        if (e instanceof JacksonException jackson) {
            return jackson.getOriginalMessage();
        }
        return Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName());
    }

    /** Runs these checks instead of the standard ones. */
    public PolicyCompiler withChecks(List<PolicyCheck> checks) {
        return new PolicyCompiler(frontEnds, context, checks, setupDiagnostics);
    }

    /**
     * Reads, validates and compiles a policy file in any format the front ends know. Only regular files
     * are read (a named pipe or a device could block or never end), and a file over the size limit of
     * {@link ReadLimits#defaults()} is refused from its size alone; {@link #load(String, byte[])} takes
     * the bytes of files read otherwise.
     */
    public CompilationResult load(Path file) {
        String name = file.toString();
        PolicyFileReader.Content content = PolicyFileReader.read(file, name);
        return content.bytes().map(bytes -> load(name, bytes))
                .orElseGet(() -> failed(List.of(content.problem().orElseThrow())));
    }

    /**
     * Reads, validates and compiles a policy given as bytes. The IR is built only from a document
     * without reading or schema errors, so one problem is reported once, by the first layer that sees it.
     *
     * @param displayName the file name as users see it; its extension picks the front end
     */
    public CompilationResult load(String displayName, byte[] content) {
        FrontEndResult read = frontEnds.readAndValidate(displayName, content);
        if (read.hasErrors() || read.document().isEmpty()) {
            return failed(read.diagnostics());
        }
        return compile(read.document().get(), read.diagnostics());
    }

    /** Compiles a canonical document produced by a front end; its name defaults to the file's base name. */
    public CompilationResult compile(CanonicalDocument document) {
        return compile(document, List.of());
    }

    private CompilationResult compile(CanonicalDocument document, List<Diagnostic> earlier) {
        return compile(document.tree(), document.sourceMap(), baseName(document.file()), earlier);
    }

    /**
     * Compiles a canonical tree.
     *
     * @param canonical   the canonical tree (see {@code docs/canonical-format.md}), ideally schema-validated
     * @param sourceMap   where its nodes are in the file the user wrote
     * @param defaultName the policy's name when the document has none
     */
    public CompilationResult compile(JsonNode canonical, SourceMap sourceMap, String defaultName) {
        return compile(canonical, sourceMap, defaultName, List.of());
    }

    private CompilationResult compile(JsonNode canonical, SourceMap sourceMap, String defaultName,
                                      List<Diagnostic> earlier) {
        Objects.requireNonNull(canonical, "canonical");
        BuildResult built = IrBuilder.build(canonical, sourceMap, defaultName);
        List<Diagnostic> diagnostics = new ArrayList<>(setupDiagnostics);
        diagnostics.addAll(earlier);
        diagnostics.addAll(built.diagnostics());
        diagnostics.addAll(PolicyChecks.run(built.policy(), context, checks));
        return new CompilationResult(Optional.of(built.policy()), reported(diagnostics));
    }

    private CompilationResult failed(List<Diagnostic> diagnostics) {
        List<Diagnostic> all = new ArrayList<>(setupDiagnostics);
        all.addAll(diagnostics);
        return new CompilationResult(Optional.empty(), reported(all));
    }

    /**
     * The diagnostics by position, at most {@value #MAX_REPORTED} of them and then one saying how many
     * more there are (as javac stops at 100): a generated or mangled file can hold hundreds of
     * thousands of problems, and nobody reads past the first screens.
     */
    static List<Diagnostic> reported(List<Diagnostic> diagnostics) {
        List<Diagnostic> sorted = new ArrayList<>(diagnostics);
        sorted.sort(BY_POSITION);
        if (sorted.size() <= MAX_REPORTED) {
            return sorted;
        }
        List<Diagnostic> omitted = sorted.subList(MAX_REPORTED, sorted.size());
        // an omitted error must still fail the compilation, and omitted warnings must not
        DiagnosticCode summary = omitted.stream().anyMatch(Diagnostic::isError)
                ? DiagnosticCode.TOO_MANY_DIAGNOSTICS : DiagnosticCode.TOO_MANY_WARNINGS;
        List<Diagnostic> shown = new ArrayList<>(sorted.subList(0, MAX_REPORTED));
        shown.add(Diagnostic.of(summary, omitted.get(0).position(), omitted.size(), MAX_REPORTED));
        return shown;
    }

    /** {@code policies/fhir-export.yaml} -> {@code fhir-export}. */
    static String baseName(String file) {
        String name = file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? name : name.substring(0, dot);
    }
}
