package dev.portcullis.cli;

import dev.portcullis.compiler.codegen.BytecodeCompiler;
import dev.portcullis.compiler.codegen.BytecodeResult;
import dev.portcullis.compiler.codegen.CompiledPolicyClass;
import dev.portcullis.compiler.codegen.PrecompiledPolicyWriter;
import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import dev.portcullis.compiler.ir.Policy;
import dev.portcullis.runtime.counter.InMemoryCounterStore;
import dev.portcullis.runtime.loader.PolicyLoadException;
import dev.portcullis.runtime.loader.PolicyLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code portcullis compile POLICY... -o DIR}: compiles policies to bytecode and writes them as precompiled
 * policies, which a gateway loads with the runtime jar alone ({@link PolicyLoader}).
 */
@Command(name = "compile", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "Compile policies to bytecode and write them for gateways.",
        description = "Check and compile policies to JVM bytecode and write each under DIR/META-INF/portcullis/<name>/"
                + " (its class files and policy.bin), listed in DIR/META-INF/portcullis/index. A gateway loads"
                + " them with the runtime alone: PolicyLoader.load(classLoader, name, counters) when DIR is on its"
                + " class path (or packed into a jar), or PolicyLoader.load(folder, counters). Each policy written"
                + " is loaded back before the command reports it.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  portcullis compile policies/healthlake.json -o build/policies",
            "  portcullis compile policies/ -o target/classes",
            "  (cd build/policies && jar cf ../policies.jar META-INF)"})
final class CompileCommand implements Callable<Integer> {

    private final Terminal terminal;

    @Mixin
    CommonOptions common;

    @Mixin
    PolicyPaths policies;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", required = true,
            description = "Where to write: DIR/META-INF/portcullis/ is created.")
    Path output;

    @Mixin
    ToolsListOption toolsList;

    CompileCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        if (Files.exists(output) && !Files.isDirectory(output)) {
            throw CommandFailure.usage("--output " + output + " is a file, not a directory");
        }
        PolicyFiles files = toolsList.policyFiles();
        Map<String, Path> byFolder = new LinkedHashMap<>();
        Map<Path, Policy> loaded = new LinkedHashMap<>();
        for (Path file : files.expand(policies.paths)) {
            Policy policy = files.load(file, terminal);
            Path other = byFolder.putIfAbsent(PrecompiledPolicyWriter.folderName(policy.name()), file);
            if (other != null) {
                throw CommandFailure.usage(file + " and " + other + " are both named '" + policy.name()
                        + "'; they would overwrite each other (give one another \"name\")");
            }
            loaded.put(file, policy);
        }
        BytecodeCompiler compiler = new BytecodeCompiler();
        for (Map.Entry<Path, Policy> entry : loaded.entrySet()) {
            Path folder = write(compile(compiler, entry.getValue()), entry.getValue());
            terminal.out().println(entry.getKey() + " -> " + folder);
        }
        terminal.out().flush();
        return ExitCode.OK.code();
    }

    private static CompiledPolicyClass compile(BytecodeCompiler compiler, Policy policy) {
        BytecodeResult result = compiler.compile(policy);
        return result.compiled().orElseThrow(() -> new CommandFailure(ExitCode.INTERNAL_ERROR,
                result.diagnostics().stream().map(Diagnostic::toString).collect(Collectors.joining("; "))));
    }

    /** Writes the policy and loads it back as a gateway would, so what is reported written is usable. */
    private Path write(CompiledPolicyClass compiled, Policy policy) {
        Path folder;
        try {
            folder = PrecompiledPolicyWriter.write(compiled, output);
        } catch (IOException | RuntimeException cannot) {
            throw new CommandFailure(ExitCode.INTERNAL_ERROR, Diagnostic.of(DiagnosticCode.PRECOMPILED_WRITE_FAILED,
                    policy.position(), policy.name(), output, cannot).toString(), cannot);
        }
        try {
            PolicyLoader.load(folder, new InMemoryCounterStore());
        } catch (PolicyLoadException unusable) {
            throw new CommandFailure(ExitCode.INTERNAL_ERROR, "the precompiled policy in " + folder
                    + " cannot be loaded: " + unusable.getMessage(), unusable);
        }
        return folder;
    }
}
