package dev.portcullis.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code portcullis}: the commands; run without one, it says which exist. */
@Command(name = "portcullis", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Policy-as-code for AI-agent tool calls (MCP tools/call): validate policies, replay "
                + "recorded transcripts through them, explain decisions and compile them for gateways.",
        subcommands = {CheckCommand.class, TestCommand.class, DecideCommand.class, CompileCommand.class,
            FmtCommand.class, ExplainCommand.class, AutoComplete.GenerateCompletion.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  portcullis check policies/",
            "  portcullis test --policy policies/healthlake.json transcripts/",
            "  portcullis decide --policy healthlake.json runaway-agent.jsonl | jq .",
            "  portcullis explain --policy healthlake.json --tool start_fhir_export_job --args '{}'",
            "  source <(portcullis generate-completion)"})
final class PortcullisCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        throw CommandFailure.usage("a command is required: check, test, decide, compile, fmt or explain"
                + " (see 'portcullis --help')");
    }
}
