package dev.portcullis.cli;

import dev.portcullis.testkit.policy.FilePolicy;
import dev.portcullis.testkit.replay.TranscriptResult;
import dev.portcullis.testkit.report.DecisionLinesReporter;
import dev.portcullis.testkit.transcript.TranscriptSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code portcullis decide --policy POLICY [TRANSCRIPT]}: one JSON object per {@code tools/call}, in order,
 * keys sorted, and nothing else on standard output, so the output of the two engines can be diffed.
 */
@Command(name = "decide", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "Print the decision for every tools/call of a transcript as JSON lines.",
        description = {"Replay a transcript (or standard input) through a policy and print one JSON object per"
                + " tools/call, in order, keys sorted, and nothing else:",
            "  {\"effect\":\"deny\",\"line\":12,\"reason\":\"...\",\"retry_after_ms\":48000,\"rule\":\"...\",\"tool\":\"...\"}",
            "A call denied by a rate limit also has count, counter, max and window_ms. Expectations are ignored;"
                + " broken lines are reported on standard error (exit code 2)."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  portcullis decide --policy healthlake.json runaway-agent.jsonl",
            "  cat runaway-agent.jsonl | portcullis decide --policy healthlake.json | jq -r .effect",
            "  diff <(portcullis decide -p healthlake.json --engine compiled t.jsonl) \\",
            "       <(portcullis decide -p healthlake.json --engine interpreted t.jsonl)"})
final class DecideCommand implements Callable<Integer> {

    /** How standard input is named in diagnostics. */
    static final String STANDARD_INPUT = "<stdin>";

    private final Terminal terminal;

    @Mixin
    CommonOptions common;

    @Option(names = {"-p", "--policy"}, paramLabel = "POLICY", required = true, description = "The policy file.")
    Path policy;

    @Parameters(paramLabel = "TRANSCRIPT", arity = "0..1",
            description = "The transcript (JSON lines); standard input when absent or '-'.")
    String transcript;

    @Mixin
    EngineOption engine;

    @Mixin
    ToolsListOption toolsList;

    DecideCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        PolicyFiles files = toolsList.policyFiles();
        Path file = files.requireFile(policy);
        FilePolicy loaded = engine.engine.policy(file, files.load(file, terminal));
        TranscriptSource source = source();
        TranscriptResult result = TranscriptReplays.engine(terminal)
                .replay(source, loaded, new DecisionLinesReporter(terminal.out()));
        terminal.out().flush();
        TranscriptReplays.requireReplayable(result, terminal);
        return ExitCode.OK.code();
    }

    private TranscriptSource source() {
        if (transcript == null || transcript.equals("-")) {
            return TranscriptSource.of(STANDARD_INPUT, terminal::in);
        }
        Path file = Path.of(transcript);
        if (!Files.isRegularFile(file)) {
            throw CommandFailure.usage("no such transcript file: " + transcript);
        }
        return TranscriptSource.ofFile(file);
    }
}
