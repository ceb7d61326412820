package dev.portcullis.cli;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.dsl.DslPrinter;
import dev.portcullis.compiler.dsl.grammar.PolicyLexer;
import dev.portcullis.compiler.source.PolicyFileReader;
import dev.portcullis.compiler.frontend.FrontEndResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code portcullis fmt [--to dsl|json] POLICY}: prints the policy in the other form (a JSON or YAML policy
 * as DSL, a DSL policy as canonical JSON), or with {@code --write} rewrites the file normalised in its own form.
 */
@Command(name = "fmt", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "Print a policy as DSL or canonical JSON, or normalise it in place.",
        description = "Print a policy in the other form: JSON and Intercept YAML as the .policy DSL, the DSL as"
                + " canonical JSON (the form every front end produces). With --write, rewrite the file "
                + "normalised in its own form instead (.policy and .json only). The printed policy means "
                + "exactly what the file means; comments and includes are not kept, so --write refuses "
                + "files that have them.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  portcullis fmt healthlake.json > healthlake.policy",
            "  portcullis fmt --to json healthlake.policy",
            "  portcullis fmt --write healthlake.policy"})
final class FmtCommand implements Callable<Integer> {

    private static final Set<Integer> COMMENTS = Set.of(PolicyLexer.HASH_COMMENT, PolicyLexer.LINE_COMMENT,
            PolicyLexer.BLOCK_COMMENT);

    private final Terminal terminal;

    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "POLICY", description = "The policy file (.json, .yaml, .yml or .policy).")
    Path policy;

    @Option(names = "--to", paramLabel = "FORM", completionCandidates = Form.Names.class,
            description = "dsl or json. Default: the other form (dsl for .json and .yaml files, json for .policy"
                    + " files); with --write, the file's own form.")
    Form to;

    @Option(names = {"-w", "--write"}, description = "Rewrite the file in place, normalised, instead of printing.")
    boolean write;

    FmtCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    /** The forms a policy is printed in. */
    enum Form {
        DSL, JSON;

        /** What shell completion offers for {@code --to}. */
        static final class Names extends LowerCaseEnums.Candidates {
            private static final long serialVersionUID = 1L;

            Names() {
                super(Form.class);
            }
        }
    }

    @Override
    public Integer call() {
        Path file = new PolicyFiles(null).requireFile(policy);
        String name = file.toString();
        String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        Form own = switch (extension) {
            case "policy" -> Form.DSL;
            case "json" -> Form.JSON;
            case "yaml", "yml" -> null;
            default -> throw CommandFailure.usage("unknown policy format '" + extension + "' of " + file
                    + " (expected .json, .yaml, .yml or .policy)");
        };
        Form target = to != null ? to : write ? own : own == Form.DSL ? Form.JSON : Form.DSL;
        if (write) {
            requireWritable(file, own, target);
        }
        byte[] content = read(file);
        JsonNode canonical = canonical(file, content);
        String formatted = target == Form.DSL ? DslPrinter.print(canonical)
                : JsonMapper.shared().writerWithDefaultPrettyPrinter().writeValueAsString(canonical) + "\n";
        if (!write) {
            terminal.out().print(formatted);
            terminal.out().flush();
            return ExitCode.OK.code();
        }
        if (own == Form.DSL) {
            requireNothingLost(file, content);
        }
        if (!formatted.equals(new String(content, StandardCharsets.UTF_8))) {
            replace(file, formatted);
        }
        return ExitCode.OK.code();
    }

    private static void requireWritable(Path file, Form own, Form target) {
        if (own == null) {
            throw CommandFailure.usage("--write cannot write Intercept YAML (" + file + "); print it with --to dsl"
                    + " or --to json instead");
        }
        if (target != own) {
            throw CommandFailure.usage("--write rewrites " + file + " in its own form (" + own.name().toLowerCase(Locale.ROOT)
                    + "); leave out --to, or print with --to " + target.name().toLowerCase(Locale.ROOT) + " and redirect");
        }
    }

    private static byte[] read(Path file) {
        PolicyFileReader.Content content = PolicyFileReader.read(file, file.toString());
        return content.bytes().orElseThrow(() -> CommandFailure.usage(content.problem().orElseThrow().toString()));
    }

    /** The canonical tree of a policy without reading or schema errors; otherwise the diagnostics and exit code 3. */
    private JsonNode canonical(Path file, byte[] content) {
        FrontEndResult read = PolicyFiles.frontEnds().readAndValidate(file.toString(), content);
        read.diagnostics().forEach(diagnostic -> terminal.problem(diagnostic.toString()));
        List<Diagnostic> errors = read.diagnostics().stream().filter(Diagnostic::isError).toList();
        if (!errors.isEmpty() || read.document().isEmpty()) {
            throw PolicyFiles.invalid(file, errors);
        }
        return read.document().get().tree();
    }

    /** The printer keeps neither comments nor include statements: rewriting would lose them. */
    private static void requireNothingLost(Path file, byte[] content) {
        if (PolicyFiles.dslFrontEnd().parse(file.toString(), content).sources().size() > 1) {
            throw CommandFailure.usage(file + " includes other files; --write would inline them (print instead)");
        }
        PolicyLexer lexer = new PolicyLexer(CharStreams.fromString(new String(content, StandardCharsets.UTF_8)));
        lexer.removeErrorListeners();
        for (Token token = lexer.nextToken(); token.getType() != Token.EOF; token = lexer.nextToken()) {
            if (COMMENTS.contains(token.getType())) {
                throw CommandFailure.usage(file + " has comments, which fmt does not keep; --write would delete them"
                        + " (line " + token.getLine() + ")");
            }
        }
    }

    /** Writes next to the file and moves it over, so an interrupted write never leaves half a policy. */
    private static void replace(Path file, String formatted) {
        Path absolute = file.toAbsolutePath();
        Path temporary = null;
        try {
            temporary = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
            Files.writeString(temporary, formatted, StandardCharsets.UTF_8);
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException cannot) {
            deleteQuietly(temporary);
            throw new CommandFailure(ExitCode.INTERNAL_ERROR, "cannot write " + file + ": " + cannot, cannot);
        }
    }

    private static void deleteQuietly(Path temporary) {
        if (temporary == null) {
            return;
        }
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
            // the write already failed and is reported; a leftover temporary file is the lesser problem
        }
    }
}
