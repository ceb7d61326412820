package dev.portcullis.cli;

import picocli.CommandLine.Option;

/** Options every command takes. */
final class CommonOptions {

    static final String VERBOSE = "--verbose";

    @Option(names = VERBOSE, description = "Print the stack trace of an error (for bug reports).")
    boolean verbose;
}
