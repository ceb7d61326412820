package dev.portcullis.compiler.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.portcullis.compiler.CompilationResult;
import dev.portcullis.compiler.PolicyCompiler;
import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.source.ReadLimits;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the file-system include resolver refuses to read, each refusal a PC111 at the include
 * statement, quickly: policies may come from an untrusted pull request, and a device, a named pipe
 * or a huge file must not hang or exhaust the build.
 */
class IncludeFileSafetyTest {

    /** Generous for a shared build machine; a hang or an unbounded read takes far longer or dies first. */
    private static final Duration QUICKLY = Duration.ofSeconds(10);

    @TempDir
    Path folder;

    private DslReadResult readQuickly(DslFrontEnd frontEnd, String mainSource) throws IOException {
        Path main = Files.writeString(folder.resolve("main.policy"), mainSource);
        byte[] content = Files.readAllBytes(main);
        return assertTimeoutPreemptively(QUICKLY, () -> frontEnd.parse(main.toString(), content));
    }

    private DslReadResult readQuickly(String mainSource) throws IOException {
        return readQuickly(new DslFrontEnd(), mainSource);
    }

    private String refusal(String target, String reason) {
        return folder.resolve("main.policy") + ":2:1: error PC111: cannot include \"" + target + "\": " + reason;
    }

    /** What the audit saw: the compiler ran out of memory reading an endless device. */
    @Test
    void theCompilerReportsAnIncludedDeviceInsteadOfRunningOutOfMemory() throws IOException {
        assumeTrue(Files.exists(Path.of("/dev/zero")), "no /dev/zero on this system");
        Path main = Files.writeString(folder.resolve("main.policy"), "tool a {}\ninclude \"/dev/zero\"\n");
        CompilationResult result = assertTimeoutPreemptively(QUICKLY, () -> PolicyCompiler.standard().load(main));
        assertThat(result.diagnostics()).map(Diagnostic::toString).singleElement().asString()
                .startsWith(refusal("/dev/zero", ""));
    }

    /** With the include root at {@code /} and a policy's name, only the regular-file check stands in the way. */
    @Test
    void aDeviceIsNotRead() throws IOException {
        assumeTrue(Files.exists(Path.of("/dev/zero")), "no /dev/zero on this system");
        IncludeConfinementTest.symbolicLink(folder.resolve("zero.policy"), Path.of("/dev/zero"));
        DslReadResult result = readQuickly(new DslFrontEnd(IncludeResolver.fileSystem(Path.of("/"))),
                "tool a {}\ninclude \"zero.policy\"\n");
        assertThat(Dsl.messages(result)).containsExactly(refusal("zero.policy", "not a regular file"));
    }

    @Test
    void aFileNotNamedAsAPolicyIsNotRead() throws IOException {
        Files.writeString(folder.resolve("secrets.env"), "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI\n");
        DslReadResult byName = readQuickly("tool a {}\ninclude \"secrets.env\"\n");
        assertThat(Dsl.messages(byName)).containsExactly(
                refusal("secrets.env", "only .policy and .json files can be included"));

        IncludeConfinementTest.symbolicLink(folder.resolve("secrets.policy"), folder.resolve("secrets.env"));
        DslReadResult throughALink = readQuickly("tool a {}\ninclude \"secrets.policy\"\n");
        assertThat(Dsl.messages(throughALink)).containsExactly(
                refusal("secrets.policy", "it links to a file that is not a .policy or .json file"));
        assertThat(byName.renderDiagnostics() + throughALink.renderDiagnostics()).doesNotContain("wJalrXUtnFEMI");
    }

    @Test
    void policyExtensionsAreRecognisedInAnyCase() throws IOException {
        Files.writeString(folder.resolve("shared.POLICY"), "tool shared {}\n");
        Files.writeString(folder.resolve("legacy.Json"), "{\"version\": \"1\", \"tools\": {\"legacy\": {}}}\n");
        DslReadResult result = readQuickly("tool a {}\ninclude \"shared.POLICY\"\ninclude \"legacy.Json\"\n");
        assertThat(Dsl.documentOf(result, "extensions").tree().get("tools").propertyNames())
                .containsExactly("a", "shared", "legacy");
    }

    @Test
    void aNamedPipeIsNotOpened() throws IOException, InterruptedException {
        mkfifo(folder.resolve("pipe.policy"));
        DslReadResult result = readQuickly("tool a {}\ninclude \"pipe.policy\"\n");
        assertThat(Dsl.messages(result)).containsExactly(refusal("pipe.policy", "not a regular file"));
    }

    @Test
    void aDirectoryIsNotRead() throws IOException {
        Files.createDirectory(folder.resolve("parts.policy"));
        DslReadResult result = readQuickly("tool a {}\ninclude \"parts.policy\"\n");
        assertThat(Dsl.messages(result)).containsExactly(refusal("parts.policy", "not a regular file"));
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedAtTheInclude() throws IOException {
        sparseFile(folder.resolve("huge.policy"), ReadLimits.defaults().maxFileBytes() + 1L);
        DslReadResult result = readQuickly("tool a {}\ninclude \"huge.policy\"\n");
        assertThat(Dsl.messages(result)).containsExactly(refusal("huge.policy",
                "larger than 4194304 bytes, the most a policy file may have"));
    }

    @Test
    void theSizeLimitIsTheFrontEndsOwn() throws IOException {
        ReadLimits small = new ReadLimits(1024, 100, 1000, 1000);
        DslFrontEnd frontEnd = new DslFrontEnd(IncludeResolver.fileSystem(), small);
        Files.writeString(folder.resolve("exact.policy"), padded("tool exact {}", 1024));
        Files.writeString(folder.resolve("over.policy"), padded("tool over {}", 1025));

        DslReadResult exact = readQuickly(frontEnd, "tool a {}\ninclude \"exact.policy\"\n");
        assertThat(Dsl.documentOf(exact, "exact").tree().get("tools").propertyNames()).containsExactly("a", "exact");

        DslReadResult over = readQuickly(frontEnd, "tool a {}\ninclude \"over.policy\"\n");
        assertThat(Dsl.messages(over)).containsExactly(refusal("over.policy",
                "larger than 1024 bytes, the most a policy file may have"));
    }

    /** {@code text} followed by a comment that brings it to exactly {@code bytes} bytes. */
    private static String padded(String text, int bytes) {
        String start = text + "\n#";
        String padded = start + "x".repeat(bytes - start.getBytes(StandardCharsets.UTF_8).length);
        assertThat(padded.getBytes(StandardCharsets.UTF_8)).hasSize(bytes);
        return padded;
    }

    /** A file of {@code size} bytes that takes no disk space. */
    private static void sparseFile(Path file, long size) throws IOException {
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(size);
        }
    }

    static void mkfifo(Path pipe) throws InterruptedException {
        int exit;
        try {
            Process mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).redirectErrorStream(true).start();
            exit = mkfifo.waitFor(10, TimeUnit.SECONDS) ? mkfifo.exitValue() : -1;
        } catch (IOException unavailable) {
            exit = -1;
        }
        assumeTrue(exit == 0 && Files.exists(pipe), "mkfifo is not available here: cannot make a named pipe");
    }
}
