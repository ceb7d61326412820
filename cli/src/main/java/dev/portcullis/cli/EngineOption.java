package dev.portcullis.cli;

import picocli.CommandLine.Option;

/** {@code --engine compiled|interpreted}: which evaluator decides calls, so the two can be compared. */
final class EngineOption {

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "compiled", completionCandidates = Engine.Names.class,
            description = "compiled (bytecode, as gateways run it) or interpreted (the reference interpreter)."
                    + " Default: ${DEFAULT-VALUE}.")
    Engine engine;
}
