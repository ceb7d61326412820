package dev.portcullis.maven;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Loads and validates every policy under {@code src/main/policies}: reading, the canonical schema and
 * the static checks. Errors and warnings are printed as {@code file:line:col: error PC0xx: message}
 * with the source line; the build fails on errors, and on warnings with {@code failOnWarnings}.
 * Prints nothing when every policy is clean.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public final class CheckMojo extends AbstractPortcullisMojo {

    /** Fails the build on warnings (shadowed rules, unused counters, unknown tools...), not only on errors. */
    @Parameter(property = "portcullis.failOnWarnings", defaultValue = "false")
    boolean failOnWarnings;

    /**
     * A {@code tools/list} result of the MCP server the policies govern (the JSON-RPC response or its
     * {@code result}): tool names and argument paths are then checked against the tools' {@code inputSchema}.
     */
    @Parameter(property = "portcullis.toolsList")
    File toolsList;

    @Override
    String goal() {
        return "check";
    }

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        ProjectPolicies project = projectPolicies();
        try {
            List<Path> files = project.files();
            if (files.isEmpty()) {
                getLog().debug("No policy files in " + relativeName(project.policyDirectory()));
                return;
            }
            BuildStamp stamp = stamp(project.policyDirectory(), toolsList);
            if (stamp.isUpToDate(files, this::fingerprint)) {
                getLog().debug("Policies unchanged since the last successful check");
                return;
            }
            PolicyValidation.Outcome outcome = new PolicyValidation(project, toolsList == null ? null : toolsList.toPath())
                    .validate(files);
            report(outcome);
            stamp.write(new BuildStamp.Recorded(fingerprint(project.inputs(files)),
                    List.copyOf(project.includedFiles()), List.of()));
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot read the policies in " + relativeName(policyDirectory.toPath())
                    + ": " + e.getMessage(), e);
        }
    }

    private String fingerprint(List<Path> inputs) throws IOException {
        Fingerprint fingerprint = withFiles(fingerprint(), inputs).value("failOnWarnings", failOnWarnings);
        if (toolsList != null) {
            fingerprint.file("toolsList", toolsList.toPath());
        }
        return fingerprint.hex();
    }

    private void report(PolicyValidation.Outcome outcome) throws MojoFailureException {
        for (Diagnostic diagnostic : outcome.diagnostics()) {
            if (diagnostic.isError()) {
                getLog().error(outcome.render(diagnostic));
            } else {
                getLog().warn(outcome.render(diagnostic));
            }
        }
        outcome.crossFileErrors().forEach(getLog()::error);
        long errors = outcome.errorCount();
        long warnings = outcome.warningCount();
        if (errors > 0) {
            throw new MojoFailureException(Wording.count(errors, "policy error") + countSuffix(warnings) + " in "
                    + relativeName(policyDirectory.toPath()) + " (see above); first: " + first(outcome, true));
        }
        if (warnings > 0 && failOnWarnings) {
            throw new MojoFailureException(Wording.count(warnings, "policy warning") + " in " + relativeName(policyDirectory.toPath())
                    + " and failOnWarnings is set (see above); first: " + first(outcome, false));
        }
    }

    private static String first(PolicyValidation.Outcome outcome, boolean error) {
        return outcome.diagnostics().stream().filter(d -> d.isError() == error).findFirst().map(Diagnostic::toString)
                .orElseGet(() -> outcome.crossFileErrors().isEmpty() ? "" : outcome.crossFileErrors().get(0));
    }

    private static String countSuffix(long warnings) {
        return warnings == 0 ? "" : " and " + Wording.count(warnings, "warning");
    }
}
