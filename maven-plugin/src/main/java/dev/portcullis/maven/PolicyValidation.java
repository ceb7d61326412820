package dev.portcullis.maven;

import dev.portcullis.compiler.CompilationResult;
import dev.portcullis.compiler.PolicyCompiler;
import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import dev.portcullis.compiler.dsl.DiagnosticRenderer;
import dev.portcullis.compiler.ir.Policy;
import dev.portcullis.compiler.source.SourcePosition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads, validates and checks every policy of a project with the compiler (front ends, schema, IR,
 * static checks), and renders each diagnostic as compilers do: {@code file:line:col: error PC0xx:
 * message}, then the source line and a caret.
 */
final class PolicyValidation {

    /** One policy file's outcome. */
    record Checked(Path file, String displayName, Optional<Policy> policy, List<Diagnostic> diagnostics) {
        Checked {
            diagnostics = List.copyOf(diagnostics);
        }
    }

    /**
     * Every file's outcome, and problems that concern several files (two policies of one name).
     *
     * @param crossFileErrors rendered errors about the project as a whole, not one file's content
     */
    record Outcome(List<Checked> files, List<String> crossFileErrors, Map<String, String> sources) {

        Outcome {
            files = List.copyOf(files);
            crossFileErrors = List.copyOf(crossFileErrors);
            sources = Map.copyOf(sources);
        }

        List<Diagnostic> diagnostics() {
            // a tools-list problem is reported by every file's compilation: show it once
            LinkedHashSet<Diagnostic> all = new LinkedHashSet<>();
            files.forEach(checked -> all.addAll(checked.diagnostics()));
            return List.copyOf(all);
        }

        long errorCount() {
            return diagnostics().stream().filter(Diagnostic::isError).count() + crossFileErrors.size();
        }

        long warningCount() {
            return diagnostics().stream().filter(d -> !d.isError()).count();
        }

        /** The diagnostic with its source line and caret, when the file's text is known. */
        String render(Diagnostic diagnostic) {
            return DiagnosticRenderer.render(diagnostic, sources.get(diagnostic.position().file()));
        }

        /** The policies without errors, by file. */
        Map<Path, Policy> policies() {
            Map<Path, Policy> policies = new LinkedHashMap<>();
            for (Checked checked : files) {
                checked.policy().ifPresent(policy -> policies.put(checked.file(), policy));
            }
            return policies;
        }
    }

    private final ProjectPolicies project;
    private final PolicyCompiler compiler;

    /** @param toolsList a {@code tools/list} result to check tool names and argument paths against, or {@code null} */
    PolicyValidation(ProjectPolicies project, Path toolsList) {
        this.project = Objects.requireNonNull(project, "project");
        PolicyCompiler standard = PolicyCompiler.standard().withFrontEnds(project.frontEnds());
        this.compiler = toolsList == null ? standard : standard.withToolsList(toolsList.toAbsolutePath());
    }

    Outcome validate(List<Path> files) {
        List<Checked> checked = new ArrayList<>();
        Map<String, String> sources = new HashMap<>();
        for (Path file : files) {
            String displayName = project.displayName(file);
            byte[] content;
            try {
                content = Files.readAllBytes(file);
            } catch (IOException unreadable) {
                checked.add(new Checked(file, displayName, Optional.empty(), List.of(Diagnostic.of(
                        DiagnosticCode.UNREADABLE_FILE, SourcePosition.ofFile(displayName), String.valueOf(unreadable.getMessage())))));
                continue;
            }
            sources.put(displayName, new String(content, StandardCharsets.UTF_8));
            CompilationResult result = compiler.load(displayName, content);
            checked.add(new Checked(file, displayName, result.policy(), result.diagnostics()));
        }
        for (Path included : project.includedFiles()) {
            try {
                sources.putIfAbsent(project.displayName(included), Files.readString(included, StandardCharsets.UTF_8));
            } catch (IOException | RuntimeException notShown) {
                // the file was readable when it was included; without its text, diagnostics lose only the quoted line
            }
        }
        return new Outcome(checked, duplicateNames(checked), sources);
    }

    /** Transcripts choose policies by name, so two policies of one name make the choice ambiguous. */
    private static List<String> duplicateNames(List<Checked> checked) {
        Map<String, String> firstFileByName = new HashMap<>();
        List<String> errors = new ArrayList<>();
        for (Checked one : checked) {
            if (one.policy().isEmpty()) {
                continue;
            }
            Policy policy = one.policy().get();
            String first = firstFileByName.putIfAbsent(policy.name(), one.displayName());
            if (first != null) {
                errors.add(policy.position() + ": error: policy name '" + policy.name() + "' is already used by "
                        + first + "; transcripts select policies by name, so give each policy its own");
            }
        }
        return errors;
    }
}
