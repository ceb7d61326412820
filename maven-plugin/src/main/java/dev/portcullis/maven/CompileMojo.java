package dev.portcullis.maven;

import dev.portcullis.compiler.codegen.BytecodeCompiler;
import dev.portcullis.compiler.codegen.BytecodeResult;
import dev.portcullis.compiler.codegen.PrecompiledPolicyWriter;
import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.ir.Policy;
import dev.portcullis.runtime.loader.PolicyDescriptor;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Compiles every policy under {@code src/main/policies} to bytecode and writes it, with its descriptor,
 * under {@code target/classes/META-INF/portcullis/<policy>/}, so the project's jar carries the policies
 * to the gateway, which loads them with the Portcullis runtime alone
 * ({@code dev.portcullis.runtime.loader.PolicyLoader}): no compiler, Janino or Jackson in production.
 */
@Mojo(name = "compile", defaultPhase = LifecyclePhase.PROCESS_CLASSES, threadSafe = true)
public final class CompileMojo extends AbstractPortcullisMojo {

    /** The folder the precompiled policies go to, under {@code META-INF/portcullis/}. */
    @Parameter(property = "portcullis.outputDirectory", defaultValue = "${project.build.outputDirectory}", required = true)
    File outputDirectory;

    @Override
    String goal() {
        return "compile";
    }

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        ProjectPolicies project = projectPolicies();
        PrecompiledOutput output = new PrecompiledOutput(outputDirectory.toPath());
        try {
            List<Path> files = project.files();
            BuildStamp stamp = stamp(project.policyDirectory(), outputDirectory);
            List<Path> previouslyWritten = stamp.read().map(BuildStamp.Recorded::outputs).orElse(List.of());
            if (stamp.isUpToDate(files, this::fingerprint)) {
                getLog().info("Precompiled policies are up to date");
                return;
            }
            List<Path> written = files.isEmpty() ? List.of() : compile(project, files, output);
            output.removeStale(previouslyWritten, written);
            stamp.write(new BuildStamp.Recorded(fingerprint(project.inputs(files)), List.copyOf(project.includedFiles()),
                    written));
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write the precompiled policies to " + relativeName(output.root())
                    + ": " + e.getMessage(), e);
        }
    }

    private List<Path> compile(ProjectPolicies project, List<Path> files, PrecompiledOutput output)
            throws MojoFailureException, IOException {
        PolicyValidation.Outcome outcome = new PolicyValidation(project, null).validate(files);
        List<Diagnostic> errors = outcome.diagnostics().stream().filter(Diagnostic::isError).toList();
        if (!errors.isEmpty() || !outcome.crossFileErrors().isEmpty()) {
            errors.forEach(error -> getLog().error(outcome.render(error)));
            outcome.crossFileErrors().forEach(getLog()::error);
            throw new MojoFailureException("The policies in " + relativeName(project.policyDirectory())
                    + " have errors (see above); none was precompiled");
        }
        BytecodeCompiler compiler = new BytecodeCompiler();
        List<Path> written = new ArrayList<>();
        for (Map.Entry<Path, Policy> entry : outcome.policies().entrySet()) {
            BytecodeResult result = compiler.compile(entry.getValue());
            if (result.compiled().isEmpty()) {
                result.diagnostics().forEach(diagnostic -> getLog().error(diagnostic.toString()));
                throw new MojoFailureException("Policy " + project.displayName(entry.getKey())
                        + " could not be compiled to bytecode (see above)");
            }
            // the descriptor is written last: its presence says the folder is complete
            Path folder = PrecompiledPolicyWriter.write(result.compiled().get(), outputDirectory.toPath());
            written.add(folder.resolve(PolicyDescriptor.FILE_NAME));
        }
        getLog().info("Precompiled " + Wording.count(written.size(), "policy", "policies")
                + " into " + relativeName(output.root()));
        return written;
    }

    private String fingerprint(List<Path> inputs) throws IOException {
        return withFiles(fingerprint(), inputs).hex();
    }
}
