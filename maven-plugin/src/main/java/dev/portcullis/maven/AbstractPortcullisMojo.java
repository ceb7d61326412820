package dev.portcullis.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What every Portcullis goal shares: where the policies are, {@code portcullis.skip}, and incremental
 * builds (a goal whose inputs, settings and plugin are unchanged since its last successful run does
 * nothing).
 */
abstract class AbstractPortcullisMojo extends AbstractMojo {

    /** The project's base directory; policy and transcript names in messages are relative to it. */
    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    File basedir;

    /** Where the goals keep their incremental-build stamps ({@code portcullis-state/}). */
    @Parameter(defaultValue = "${project.build.directory}", readonly = true, required = true)
    File buildDirectory;

    /**
     * The folder of policy files: PolicyLayer JSON ({@code .json}), Intercept YAML ({@code .yaml},
     * {@code .yml}) and the Portcullis DSL ({@code .policy}), in any subfolder. Files a DSL policy
     * includes belong outside it, or they are read as policies of their own.
     */
    @Parameter(property = "portcullis.policyDirectory", defaultValue = "${project.basedir}/src/main/policies", required = true)
    File policyDirectory;

    /** Skips every Portcullis goal. */
    @Parameter(property = "portcullis.skip", defaultValue = "false")
    boolean skip;

    /** This plugin, whose version is part of every fingerprint: a new plugin may decide differently. */
    @Parameter(defaultValue = "${plugin}", readonly = true)
    PluginDescriptor plugin;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        Optional<String> skipReason = skipReason();
        if (skipReason.isPresent()) {
            getLog().info("Portcullis " + goal() + " skipped (" + skipReason.get() + ")");
            return;
        }
        run();
    }

    /** The goal's name, for messages and stamp files. */
    abstract String goal();

    /** Why this goal does nothing this time, if it does nothing. */
    Optional<String> skipReason() {
        return skip ? Optional.of("portcullis.skip") : Optional.empty();
    }

    abstract void run() throws MojoExecutionException, MojoFailureException;

    ProjectPolicies projectPolicies() {
        return new ProjectPolicies(basedir.toPath(), policyDirectory.toPath());
    }

    /** {@code file} relative to the base directory, with '/' separators, as messages show it. */
    String relativeName(Path file) {
        Path base = basedir.toPath().toAbsolutePath().normalize();
        Path absolute = file.toAbsolutePath().normalize();
        return (absolute.startsWith(base) ? base.relativize(absolute) : absolute).toString().replace('\\', '/');
    }

    /**
     * The stamp of this goal for one configuration: two executions with different folders keep
     * separate stamps.
     */
    BuildStamp stamp(Object... configuration) {
        Fingerprint identity = new Fingerprint().value("goal", goal());
        for (Object part : configuration) {
            identity.value("part", part);
        }
        String name = goal() + "-" + identity.hex().substring(0, 16) + ".stamp";
        return new BuildStamp(buildDirectory.toPath().resolve("portcullis-state").resolve(name));
    }

    /** A fingerprint that starts with this plugin's identity. */
    Fingerprint fingerprint() throws IOException {
        Fingerprint fingerprint = new Fingerprint().value("goal", goal());
        if (plugin == null) {
            return fingerprint.value("plugin", "unknown");
        }
        fingerprint.value("plugin", plugin.getId());
        if (plugin.getVersion() != null && plugin.getVersion().endsWith("-SNAPSHOT")) {
            // a snapshot's code changes under the same version: its files say whether it did
            for (Artifact artifact : artifacts()) {
                File file = artifact.getFile();
                if (file != null && file.isFile()) {
                    fingerprint.value(artifact.getId(), Files.size(file.toPath()) + "@" + file.lastModified());
                }
            }
        }
        return fingerprint;
    }

    private List<Artifact> artifacts() {
        List<Artifact> artifacts = plugin.getArtifacts();
        return artifacts == null ? List.of() : artifacts;
    }

    /** Adds each file to {@code fingerprint} under its relative name. */
    Fingerprint withFiles(Fingerprint fingerprint, List<Path> files) throws IOException {
        for (Path file : files) {
            fingerprint.file(relativeName(file), file);
        }
        return fingerprint;
    }
}
