package dev.portcullis.cli;

import dev.portcullis.compiler.CompilationResult;
import dev.portcullis.compiler.PolicyCompiler;
import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import dev.portcullis.compiler.dsl.DslFrontEnd;
import dev.portcullis.compiler.dsl.IncludeResolver;
import dev.portcullis.compiler.frontend.FrontEnds;
import dev.portcullis.compiler.ir.Policy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds and compiles the policy files named on a command line, in every format (PolicyLayer JSON,
 * Intercept YAML, the {@code .policy} DSL), with every check, so each command accepts exactly the
 * policies {@code portcullis check} accepts.
 */
final class PolicyFiles {

    /** Problems with the command line or the file system rather than with a policy: exit code 2. */
    private static final Set<DiagnosticCode> INPUT_PROBLEMS = Set.of(DiagnosticCode.UNREADABLE_FILE,
            DiagnosticCode.UNKNOWN_FORMAT, DiagnosticCode.INVALID_TOOLS_LIST);

    private final FrontEnds frontEnds = frontEnds();
    private final PolicyCompiler compiler;

    /** @param toolsList a {@code tools/list} result to check tool names and argument paths against, or {@code null} */
    PolicyFiles(Path toolsList) {
        PolicyCompiler standard = PolicyCompiler.standard().withFrontEnds(frontEnds);
        if (toolsList != null && !Files.isRegularFile(toolsList)) {
            throw CommandFailure.usage("no such tools list: " + toolsList);
        }
        this.compiler = toolsList == null ? standard : standard.withToolsList(toolsList);
    }

    /** Every format the command line reads: JSON, Intercept YAML and the DSL. */
    static FrontEnds frontEnds() {
        return FrontEnds.standard().with(DslFrontEnd.FORMAT, dslFrontEnd());
    }

    /**
     * The DSL as the command line reads it: includes stay inside the working directory (the checkout,
     * typically), or for a policy outside it, inside the policy's own folder.
     */
    static DslFrontEnd dslFrontEnd() {
        return new DslFrontEnd(IncludeResolver.fileSystem(Path.of("").toAbsolutePath()));
    }

    /**
     * The files named: a file stands for itself, a directory for every policy file under it (by path).
     *
     * @throws CommandFailure (exit code 2) when a name is neither
     */
    List<Path> expand(List<Path> filesOrDirectories) {
        List<Path> files = new ArrayList<>();
        for (Path path : filesOrDirectories) {
            if (Files.isDirectory(path)) {
                List<Path> found = policiesUnder(path);
                if (found.isEmpty()) {
                    throw CommandFailure.usage("no policy files (.json, .yaml, .yml, .policy) under " + path);
                }
                files.addAll(found);
            } else if (Files.exists(path)) {
                files.add(path);
            } else {
                throw CommandFailure.usage("no such policy file or directory: " + path);
            }
        }
        return files;
    }

    /**
     * A single policy file ({@code --policy} of commands that take one).
     *
     * @throws CommandFailure (exit code 2) when it is a directory or does not exist
     */
    Path requireFile(Path path) {
        if (Files.isDirectory(path)) {
            throw CommandFailure.usage(path + " is a directory; this command takes one policy file");
        }
        if (!Files.exists(path)) {
            throw CommandFailure.usage("no such policy file: " + path);
        }
        return path;
    }

    private List<Path> policiesUnder(Path directory) {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile)
                    .filter(file -> frontEnds.frontEndFor(file.getFileName().toString()).isPresent())
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
        } catch (IOException | UncheckedIOException unreadable) {
            throw CommandFailure.unreadable("cannot list " + directory + ": " + unreadable.getMessage(), unreadable);
        }
    }

    /** Reads, validates and checks one policy file; problems come back as diagnostics. */
    CompilationResult compile(Path file) {
        return compiler.load(file);
    }

    /**
     * The IR of a policy without errors; otherwise its diagnostics go to standard error and the command ends.
     * Warnings go to standard error too.
     */
    Policy load(Path file, Terminal terminal) {
        CompilationResult result = compile(Objects.requireNonNull(file, "file"));
        result.diagnostics().forEach(diagnostic -> terminal.problem(diagnostic.toString()));
        if (result.hasErrors()) {
            throw invalid(file, result.errors());
        }
        return result.policy().orElseThrow();
    }

    /** The failure for a file with these errors: exit code 2 if it could not be read at all, else 3. */
    static CommandFailure invalid(Path file, List<Diagnostic> errors) {
        if (errors.stream().allMatch(error -> INPUT_PROBLEMS.contains(error.code()))) {
            return new CommandFailure(ExitCode.USAGE, "cannot use " + file + " (" + count(errors.size(), "error") + ")");
        }
        return new CommandFailure(ExitCode.INVALID_POLICY, file + " is invalid (" + count(errors.size(), "error") + ")");
    }

    static boolean isInputProblem(Diagnostic diagnostic) {
        return INPUT_PROBLEMS.contains(diagnostic.code());
    }

    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
