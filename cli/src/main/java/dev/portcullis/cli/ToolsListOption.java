package dev.portcullis.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --tools-list FILE}: every command that reads policies checks them against the tools they govern. */
final class ToolsListOption {

    @Option(names = "--tools-list", paramLabel = "FILE",
            description = "A tools/list result (JSON): warn about unknown tools and argument paths.")
    Path toolsList;

    /** The policy files of this command line, checked against the tools list when one is given. */
    PolicyFiles policyFiles() {
        return new PolicyFiles(toolsList);
    }
}
