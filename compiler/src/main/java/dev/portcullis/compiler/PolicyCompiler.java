package dev.portcullis.compiler;

import dev.portcullis.compiler.check.CheckContext;
import dev.portcullis.compiler.check.PolicyCheck;
import dev.portcullis.compiler.check.PolicyChecks;
import dev.portcullis.compiler.check.ToolCatalog;
import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import dev.portcullis.compiler.ir.BuildResult;
import dev.portcullis.compiler.ir.IrBuilder;
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
 * Compiles canonical policy documents: builds the IR, runs the checks, and hands out the reference
 * interpreter of a policy without errors. Immutable; configure with the {@code with...} methods.
 *
 * <pre>{@code
 * CompilationResult result = PolicyCompiler.standard()
 *         .withToolsList(Path.of("tools-list.json"))
 *         .compile(tree, sourceMap, "fhir-export");
 * result.diagnostics().forEach(System.err::println);
 * CompiledPolicy policy = result.interpreter(counterStore);
 * }</pre>
 */
public final class PolicyCompiler {

    private static final Comparator<Diagnostic> BY_POSITION = Comparator
            .comparing((Diagnostic d) -> d.position().file())
            .thenComparingInt(d -> d.position().line())
            .thenComparingInt(d -> d.position().column());

    private final CheckContext context;
    private final List<PolicyCheck> checks;
    private final List<Diagnostic> setupDiagnostics;

    private PolicyCompiler(CheckContext context, List<PolicyCheck> checks, List<Diagnostic> setupDiagnostics) {
        this.context = context;
        this.checks = List.copyOf(checks);
        this.setupDiagnostics = List.copyOf(setupDiagnostics);
    }

    /** The standard checks, without a tools list. */
    public static PolicyCompiler standard() {
        return new PolicyCompiler(CheckContext.none(), PolicyChecks.standard(), List.of());
    }

    /** Checks tool names and argument paths against these tools. */
    public PolicyCompiler withTools(ToolCatalog tools) {
        return new PolicyCompiler(CheckContext.withTools(tools), checks, setupDiagnostics);
    }

    /**
     * Checks tool names and argument paths against a {@code tools/list} result file. A file that cannot
     * be read or understood becomes a {@code PC068} error in every compilation result.
     */
    public PolicyCompiler withToolsList(Path toolsList) {
        SourcePosition at = SourcePosition.ofFile(toolsList.toString());
        try {
            JsonNode tree = JsonMapper.builder().build().readTree(Files.readString(toolsList));
            return withTools(ToolCatalog.fromToolsList(tree));
        } catch (IOException | JacksonException | IllegalArgumentException e) {
            List<Diagnostic> diagnostics = new ArrayList<>(setupDiagnostics);
            diagnostics.add(Diagnostic.of(DiagnosticCode.INVALID_TOOLS_LIST, at, describe(e)));
            return new PolicyCompiler(CheckContext.none(), checks, diagnostics);
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
        return new PolicyCompiler(context, checks, setupDiagnostics);
    }

    /**
     * Compiles a canonical document.
     *
     * @param canonical   the canonical tree (see {@code docs/canonical-format.md}), ideally schema-validated
     * @param sourceMap   where its nodes are in the file the user wrote
     * @param defaultName the policy's name when the document has none
     */
    public CompilationResult compile(JsonNode canonical, SourceMap sourceMap, String defaultName) {
        Objects.requireNonNull(canonical, "canonical");
        BuildResult built = IrBuilder.build(canonical, sourceMap, defaultName);
        List<Diagnostic> diagnostics = new ArrayList<>(setupDiagnostics);
        diagnostics.addAll(built.diagnostics());
        diagnostics.addAll(PolicyChecks.run(built.policy(), context, checks));
        diagnostics.sort(BY_POSITION);
        return new CompilationResult(built.policy(), diagnostics);
    }
}
