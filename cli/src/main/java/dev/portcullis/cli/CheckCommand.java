package dev.portcullis.cli;

import dev.portcullis.compiler.CompilationResult;
import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.diagnostic.Severity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code portcullis check POLICY...}: validates policies. Diagnostics go to standard error as
 * {@code file:line:col: error PCxxx: message}, and a summary to standard output; with {@code --format json}
 * everything is one JSON object on standard output, for tools.
 */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "Validate policies and print their diagnostics.",
        description = "Validate policies: reading, schema, IR and static checks. Each problem is printed as "
                + "file:line:col: error|warning PCxxx: message.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  portcullis check policies/healthlake.json",
            "  portcullis check --tools-list tools-list.json --fail-on-warning policies/",
            "  portcullis check --format json policies/ | jq '.diagnostics[] | .code'"})
final class CheckCommand implements Callable<Integer> {

    private final Terminal terminal;

    @Mixin
    CommonOptions common;

    @Mixin
    PolicyPaths policies;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", completionCandidates = FormatNames.class,
            description = "text (diagnostics on standard error) or json (one object on standard output). Default: ${DEFAULT-VALUE}.")
    OutputFormat format;

    @Mixin
    ToolsListOption toolsList;

    @Option(names = "--fail-on-warning", description = "Treat warnings as errors (exit code 3).")
    boolean failOnWarning;

    CheckCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    /** How {@code check} reports. */
    enum OutputFormat {
        TEXT, JSON
    }

    /** What shell completion offers for {@code --format}. */
    static final class FormatNames extends LowerCaseEnums.Candidates {
        private static final long serialVersionUID = 1L;

        FormatNames() {
            super(OutputFormat.class);
        }
    }

    @Override
    public Integer call() {
        PolicyFiles files = toolsList.policyFiles();
        List<FileResult> results = new ArrayList<>();
        for (Path file : files.expand(policies.paths)) {
            results.add(new FileResult(file, files.compile(file)));
        }
        if (format == OutputFormat.JSON) {
            terminal.out().println(Json.write(report(results)));
        } else {
            results.forEach(result -> result.compilation().diagnostics()
                    .forEach(diagnostic -> terminal.problem(diagnostic.toString())));
            terminal.out().println(summary(results));
        }
        return exitCode(results).code();
    }

    private ExitCode exitCode(List<FileResult> results) {
        boolean invalid = false;
        boolean unreadable = false;
        for (FileResult result : results) {
            for (Diagnostic diagnostic : result.compilation().diagnostics()) {
                if (diagnostic.isError() && PolicyFiles.isInputProblem(diagnostic)) {
                    unreadable = true;
                } else if (diagnostic.isError() || failOnWarning) {
                    invalid = true;
                }
            }
        }
        if (invalid) {
            return ExitCode.INVALID_POLICY;
        }
        return unreadable ? ExitCode.USAGE : ExitCode.OK;
    }

    private boolean valid(FileResult result) {
        return !result.compilation().hasErrors() && !(failOnWarning && !result.compilation().warnings().isEmpty());
    }

    private String summary(List<FileResult> results) {
        long valid = results.stream().filter(this::valid).count();
        long unreadable = results.stream().filter(result -> result.compilation().errors().stream()
                .anyMatch(PolicyFiles::isInputProblem)).count();
        long errors = results.stream().mapToLong(result -> result.compilation().errors().size()).sum();
        long warnings = results.stream().mapToLong(result -> result.compilation().warnings().size()).sum();
        return PolicyFiles.count(results.size(), "policy file") + " checked: " + valid + " valid, "
                + (results.size() - valid - unreadable) + " invalid" + (unreadable > 0 ? ", " + unreadable + " unreadable" : "")
                + " (" + PolicyFiles.count(errors, "error") + ", " + PolicyFiles.count(warnings, "warning") + ")";
    }

    private Map<String, Object> report(List<FileResult> results) {
        List<Object> policyReports = new ArrayList<>();
        List<Object> diagnostics = new ArrayList<>();
        long errors = 0;
        long warnings = 0;
        for (FileResult result : results) {
            Map<String, Object> policy = new TreeMap<>();
            policy.put("file", result.file().toString());
            policy.put("name", result.compilation().built().map(built -> (Object) built.name()).orElse(null));
            policy.put("valid", valid(result));
            policyReports.add(policy);
            for (Diagnostic diagnostic : result.compilation().diagnostics()) {
                diagnostics.add(Json.diagnostic(diagnostic));
                if (diagnostic.severity() == Severity.ERROR) {
                    errors++;
                } else {
                    warnings++;
                }
            }
        }
        Map<String, Object> report = new TreeMap<>();
        report.put("diagnostics", diagnostics);
        report.put("errors", errors);
        report.put("policies", policyReports);
        report.put("valid", results.stream().allMatch(this::valid));
        report.put("warnings", warnings);
        return report;
    }

    private record FileResult(Path file, CompilationResult compilation) {
    }
}
