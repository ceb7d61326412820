package dev.portcullis.maven;

import dev.portcullis.compiler.dsl.DslFrontEnd;
import dev.portcullis.compiler.dsl.IncludeResolver;
import dev.portcullis.compiler.frontend.FrontEnds;
import dev.portcullis.compiler.source.ReadLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The policy files of a project and how to read them: every file under the policy directory that a
 * front end reads (PolicyLayer JSON, Intercept YAML, the {@code .policy} DSL), named in diagnostics
 * by its path relative to the project's base directory ({@code src/main/policies/healthlake.json}),
 * so messages read the same wherever Maven was started and editors can link them.
 *
 * <p>DSL includes are resolved against the base directory too, must stay inside it, and every
 * included file read is remembered, so incremental builds can fingerprint files outside the policy directory.
 * Not thread-safe: one instance per goal execution.
 */
final class ProjectPolicies {

    private final Path basedir;
    private final Path policyDirectory;
    private final Set<Path> includedFiles = new LinkedHashSet<>();
    private final FrontEnds frontEnds;

    ProjectPolicies(Path basedir, Path policyDirectory) {
        this.basedir = Objects.requireNonNull(basedir, "basedir").toAbsolutePath().normalize();
        this.policyDirectory = Objects.requireNonNull(policyDirectory, "policyDirectory").toAbsolutePath().normalize();
        this.frontEnds = FrontEnds.standard().with(DslFrontEnd.FORMAT, new DslFrontEnd(
                new RecordingIncludes(IncludeResolver.fileSystem(this.basedir))));
    }

    /** The front ends for every supported format, reading DSL includes through this project. */
    FrontEnds frontEnds() {
        return frontEnds;
    }

    Path policyDirectory() {
        return policyDirectory;
    }

    /** Whether the policy directory exists at all (a project without policies skips the goals). */
    boolean directoryExists() {
        return Files.isDirectory(policyDirectory);
    }

    /** The policy files, sorted by path; none when the directory does not exist. */
    List<Path> files() throws IOException {
        if (!directoryExists()) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(policyDirectory)) {
            return walk.filter(Files::isRegularFile)
                    .filter(file -> frontEnds.frontEndFor(file.getFileName().toString()).isPresent())
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
        }
    }

    /** How diagnostics name {@code file}: relative to the base directory when under it, with '/' separators. */
    String displayName(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path shown = absolute.startsWith(basedir) ? basedir.relativize(absolute) : absolute;
        return shown.toString().replace('\\', '/');
    }

    /** The files DSL policies included while this instance read them. */
    Set<Path> includedFiles() {
        return Collections.unmodifiableSet(includedFiles);
    }

    /** Every file reading the policies depended on: the policy files and what they included. */
    List<Path> inputs(List<Path> policyFiles) {
        List<Path> inputs = new ArrayList<>(policyFiles);
        for (Path included : includedFiles) {
            if (!inputs.contains(included)) {
                inputs.add(included);
            }
        }
        return inputs;
    }

    /**
     * Display names are relative to the base directory, so included names resolve against it too.
     * Reading is the file-system resolver's, confined to the base directory: a policy may include
     * parts kept beside the policy folder, but nothing outside the project.
     */
    private final class RecordingIncludes implements IncludeResolver {
        private final IncludeResolver files;

        RecordingIncludes(IncludeResolver files) {
            this.files = files;
        }

        @Override
        public IncludeResolver forPolicy(String policyFile, ReadLimits limits) {
            return new RecordingIncludes(files.forPolicy(basedir.resolve(policyFile).toString(), limits));
        }

        @Override
        public byte[] read(String resolvedName) throws IOException {
            Path file = basedir.resolve(resolvedName).normalize();
            byte[] content = files.read(file.toString());
            includedFiles.add(file);
            return content;
        }
    }
}
