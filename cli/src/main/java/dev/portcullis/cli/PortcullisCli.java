package dev.portcullis.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code portcullis} command line: parses the arguments, runs the command, and turns every outcome
 * into an {@link ExitCode}. Problems go to standard error, one line each; a stack trace only under
 * {@code --verbose}.
 */
public final class PortcullisCli {

    /** Documented in every command's {@code --help}. */
    private static final Map<String, String> EXIT_CODES = exitCodes();
    private static final String SLF4J_VERBOSITY = "slf4j.internal.verbosity";
    /** Wide enough for the examples; picocli's default is 80. */
    private static final int HELP_WIDTH = 100;

    private PortcullisCli() {
    }

    public static void main(String[] args) {
        // networknt's JSON Schema validator logs through SLF4J; without a binding SLF4J warns on standard error,
        // which must hold only the command's problems
        if (System.getProperty(SLF4J_VERBOSITY) == null) {
            System.setProperty(SLF4J_VERBOSITY, "ERROR");
        }
        System.exit(run(Terminal.system(), args));
    }

    /**
     * Runs one command line in this JVM.
     *
     * @return the process exit status ({@link ExitCode#code()})
     */
    public static int run(Terminal terminal, String... args) {
        try {
            return commandLine(terminal).execute(args);
        } catch (RuntimeException | Error failure) {
            // picocli hands exceptions of commands to the handler below; this is for failures outside them
            terminal.problem("portcullis: internal error: " + describe(failure));
            return ExitCode.INTERNAL_ERROR.code();
        } finally {
            terminal.out().flush();
            terminal.err().flush();
        }
    }

    static CommandLine commandLine(Terminal terminal) {
        CommandLine cli = new CommandLine(new PortcullisCommand(), new CommandFactory(terminal));
        cli.setOut(terminal.out());
        cli.setErr(terminal.err());
        LowerCaseEnums.register(cli, Engine.class, CheckCommand.OutputFormat.class, FmtCommand.Form.class);
        cli.setUsageHelpWidth(HELP_WIDTH);
        // explain reads --args @FILE itself: picocli would otherwise splice the file's words into the command line
        cli.setExpandAtFiles(false);
        cli.setParameterExceptionHandler((problem, args) -> usageError(terminal, problem));
        cli.setExecutionExceptionHandler((failure, command, parsed) -> commandFailed(terminal, failure, command, parsed));
        describeExitCodes(cli);
        return cli;
    }

    private static int usageError(Terminal terminal, ParameterException problem) {
        String command = problem.getCommandLine().getCommandSpec().qualifiedName();
        StringBuilder line = new StringBuilder(command).append(": error: ").append(OneLine.of(problem.getMessage()));
        if (problem instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            line.append(" (did you mean ").append(String.join(" or ", unmatched.getSuggestions())).append("?)");
        }
        line.append(" (see '").append(command).append(" --help')");
        terminal.problem(line.toString());
        return ExitCode.USAGE.code();
    }

    private static int commandFailed(Terminal terminal, Exception failure, CommandLine command, ParseResult parsed) {
        String name = command.getCommandSpec().qualifiedName();
        boolean verbose = verbose(parsed);
        if (failure instanceof CommandFailure expected) {
            terminal.problem(name + ": error: " + expected.getMessage());
            if (verbose && expected.getCause() != null) {
                expected.getCause().printStackTrace(terminal.err());
            }
            return expected.exitCode().code();
        }
        terminal.problem(name + ": internal error: " + describe(failure)
                + (verbose ? "" : " (run with --verbose for the stack trace)"));
        if (verbose) {
            failure.printStackTrace(terminal.err());
        }
        return ExitCode.INTERNAL_ERROR.code();
    }

    private static boolean verbose(ParseResult parsed) {
        for (ParseResult level = parsed; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption(CommonOptions.VERBOSE)) {
                return true;
            }
        }
        return false;
    }

    static String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getName() + (message == null || message.isBlank() ? "" : ": " + OneLine.of(message));
    }

    private static void describeExitCodes(CommandLine command) {
        command.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(EXIT_CODES);
        command.getSubcommands().values().forEach(PortcullisCli::describeExitCodes);
    }

    private static Map<String, String> exitCodes() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put(" 0", "success");
        codes.put(" 1", "internal error (a bug in Portcullis, or the environment failed)");
        codes.put(" 2", "usage error, or an input that cannot be read (missing file, broken transcript)");
        codes.put(" 3", "a policy is invalid");
        codes.put(" 4", "a test failed (an expectation did not hold, or coverage is below the threshold)");
        return codes;
    }
}
