package dev.portcullis.cli;

import dev.portcullis.cli.explain.Explainer;
import dev.portcullis.cli.explain.ExplanationPrinter;
import dev.portcullis.compiler.interpret.PolicyInterpreter;
import dev.portcullis.compiler.ir.Policy;
import dev.portcullis.runtime.ToolCall;
import dev.portcullis.runtime.counter.InMemoryCounterStore;
import dev.portcullis.testkit.replay.PolicyUnderTest;
import dev.portcullis.testkit.replay.ReplayListener;
import dev.portcullis.testkit.replay.TranscriptResult;
import dev.portcullis.testkit.transcript.TranscriptSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code portcullis explain --policy POLICY --tool NAME --args JSON}: every step of the decision for one
 * call, as the reference interpreter makes it.
 */
@Command(name = "explain", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "Show every step of the decision for one call.",
        description = "Show every step of the decision for one call: whether the tool is hidden, which entry "
                + "matched, each condition with the actual value it read, each limit with its counter's "
                + "count, and the decision. Counters start empty, or as a transcript left them (--after).",
        footerHeading = "%nExamples:%n",
        footer = {
            "  portcullis explain --policy healthlake.json --tool delete_fhir_resource",
            "  portcullis explain --policy healthlake.json --tool start_fhir_export_job \\",
            "      --args '{\"output_data_config\": {\"s3_configuration\": {\"s3_uri\": \"s3://public/\"}}}'",
            "  portcullis explain --policy healthlake.json --after runaway-agent.jsonl --grant ci-runner \\",
            "      --tool start_fhir_export_job --args @call-args.json --at 2026-11-26T10:00:50Z"})
final class ExplainCommand implements Callable<Integer> {

    private final Terminal terminal;

    @Mixin
    CommonOptions common;

    @Option(names = {"-p", "--policy"}, paramLabel = "POLICY", required = true, description = "The policy file.")
    Path policy;

    @Option(names = {"-t", "--tool"}, paramLabel = "NAME", required = true, description = "The tool called.")
    String tool;

    @Option(names = {"-a", "--args"}, paramLabel = "JSON", defaultValue = "{}",
            description = "The call's arguments, a JSON object, or @FILE to read them from a file. Default: ${DEFAULT-VALUE}.")
    String arguments;

    @Option(names = "--at", paramLabel = "TIME",
            description = "The call's time: RFC 3339 (2026-11-26T10:00:41Z) or epoch milliseconds."
                    + " Default: the last call of --after, else now.")
    String at;

    @Option(names = "--grant", paramLabel = "ID", description = "The caller's grant (limits scoped per grant count by it).")
    String grant;

    @Option(names = "--session", paramLabel = "ID", description = "The caller's session.")
    String session;

    @Option(names = "--agent", paramLabel = "ID", description = "The caller's agent.")
    String agent;

    @Option(names = "--after", paramLabel = "TRANSCRIPT",
            description = "Replay this transcript first, so limits and state conditions see its calls.")
    Path after;

    @Mixin
    ToolsListOption toolsList;

    ExplainCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        PolicyFiles files = toolsList.policyFiles();
        Path file = files.requireFile(policy);
        Policy ir = files.load(file, terminal);
        String argumentsJson = readArguments();
        InMemoryCounterStore store = new InMemoryCounterStore();
        long lastCall = after == null ? Long.MIN_VALUE : replayHistory(ir, store);
        long time = at != null ? CallBuilder.time(at)
                : lastCall != Long.MIN_VALUE ? lastCall : System.currentTimeMillis();
        ToolCall call = CallBuilder.call(tool, argumentsJson, grant, session, agent, time);
        terminal.out().print(ExplanationPrinter.print(new Explainer(ir, store).explain(call)));
        terminal.out().flush();
        return ExitCode.OK.code();
    }

    private String readArguments() {
        if (!arguments.startsWith("@")) {
            return arguments;
        }
        Path file = Path.of(arguments.substring(1));
        if (!Files.isRegularFile(file)) {
            throw CommandFailure.usage("no such --args file: " + file);
        }
        try {
            return Files.readString(file);
        } catch (java.io.IOException | java.io.UncheckedIOException unreadable) {
            throw CommandFailure.unreadable("cannot read --args file " + file + " as UTF-8 text: "
                    + unreadable.getMessage(), unreadable);
        }
    }

    /** Replays {@code --after} through the interpreter, counting in {@code store}; the last call's time. */
    private long replayHistory(Policy ir, InMemoryCounterStore store) {
        if (!Files.isRegularFile(after)) {
            throw CommandFailure.usage("no such transcript file: " + after);
        }
        TranscriptSource source = TranscriptSource.ofFile(after);
        PolicyUnderTest history = PolicyUnderTest.of(ir.name(), () -> new PolicyInterpreter(ir, store));
        TranscriptResult result = TranscriptReplays.engine(terminal).replay(source, history, ReplayListener.NONE);
        TranscriptReplays.requireReplayable(result, terminal);
        return result.lastCallMillis();
    }
}
