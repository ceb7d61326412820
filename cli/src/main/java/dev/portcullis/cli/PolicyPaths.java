package dev.portcullis.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Parameters;

/** {@code POLICY...}: policy files, or directories of them, for commands that take several. */
final class PolicyPaths {

    @Parameters(paramLabel = "POLICY", arity = "1..*",
            description = "Policy files (.json, .yaml, .yml, .policy), or directories to search for them.")
    List<Path> paths;
}
