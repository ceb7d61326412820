package dev.portcullis.compiler.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.compiler.interpret.PolicyInterpreter;
import dev.portcullis.compiler.ir.Policy;
import dev.portcullis.compiler.testing.Canonical;
import dev.portcullis.runtime.CompiledPolicy;
import dev.portcullis.runtime.ToolCall;
import dev.portcullis.runtime.counter.InMemoryCounterStore;
import dev.portcullis.runtime.eval.GeneratedPolicy;
import dev.portcullis.runtime.loader.PolicyDescriptor;
import dev.portcullis.runtime.loader.PolicyLoadException;
import dev.portcullis.runtime.loader.PolicyLoader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Precompiled policies: written by the compiler, loaded by the runtime alone, checked against tampering. */
class PrecompiledPolicyTest {

    /** The calls both JVMs decide, as {@code tool arg-value} pairs; the FHIR policy allows 10 exports a minute. */
    private static final String MAIN_SOURCE = """
            import dev.portcullis.runtime.CompiledPolicy;
            import dev.portcullis.runtime.ToolCall;
            import dev.portcullis.runtime.counter.InMemoryCounterStore;
            import dev.portcullis.runtime.loader.PolicyLoader;
            import java.util.Map;

            public class Main {
                public static void main(String[] args) {
                    for (String name : new String[] {"org.codehaus.janino.SimpleCompiler",
                            "tools.jackson.databind.ObjectMapper", "dev.portcullis.compiler.ir.Policy", "com.google.re2j.Pattern"}) {
                        try {
                            Class.forName(name);
                            System.out.println("present " + name);
                        } catch (ClassNotFoundException e) {
                            System.out.println("absent " + name);
                        }
                    }
                    System.out.println("policies " + PolicyLoader.policies(ClassLoader.getSystemClassLoader()));
                    CompiledPolicy policy = PolicyLoader.load(ClassLoader.getSystemClassLoader(), args[0], new InMemoryCounterStore());
                    for (int i = 1; i + 1 < args.length; i += 2) {
                        ToolCall call = ToolCall.builder(args[i]).arguments(Map.of("s3_uri", args[i + 1]))
                                .grant("grant-7").timeMillis(1_000L * i).build();
                        System.out.println(policy.decide(call));
                    }
                }
            }
            """;

    private final BytecodeCompiler compiler = new BytecodeCompiler();

    @Test
    void aJvmWithOnlyTheRuntimeJarAndTheWrittenFilesDecidesAsTheInterpreter(@TempDir Path temp) throws Exception {
        Policy policy = fhirPolicy();
        Path classes = temp.resolve("classes");
        Path folder = PrecompiledPolicyWriter.write(compiler.compile(policy).compiled().orElseThrow(), classes);
        assertThat(folder).isEqualTo(classes.resolve("META-INF/portcullis/fhir-export"));
        Path main = Files.writeString(Files.createDirectories(temp.resolve("src")).resolve("Main.java"), MAIN_SOURCE);

        List<String> calls = new ArrayList<>(List.of("list_patients", "-", "delete_patient", "-", "read_patient", "-",
                "start_fhir_export_job", "s3://elsewhere/x"));
        for (int i = 0; i < 11; i++) {
            calls.addAll(List.of("start_fhir_export_job", "s3://phi-exports/job-" + i));
        }
        Path runtime = runtimeLocation();
        boolean runtimeJar = runtime.toString().endsWith(".jar");
        // run from the build's classes folder (IDE, or `mvn test` without packaging) the runtime needs RE2J beside it
        String classPath = runtime + File.pathSeparator + classes
                + (runtimeJar ? "" : File.pathSeparator + codeLocation(com.google.re2j.Pattern.class));
        System.out.println("precompiled policy decided in a JVM with class path " + classPath);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, main.toString(), "fhir-export"));
        command.addAll(calls);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();

        List<String> expected = new ArrayList<>(List.of("absent org.codehaus.janino.SimpleCompiler",
                "absent tools.jackson.databind.ObjectMapper", "absent dev.portcullis.compiler.ir.Policy",
                (runtimeJar ? "absent" : "present") + " com.google.re2j.Pattern", "policies [fhir-export]"));
        CompiledPolicy interpreter = new PolicyInterpreter(policy, new InMemoryCounterStore());
        for (int i = 0; i + 1 < calls.size(); i += 2) {
            ToolCall call = ToolCall.builder(calls.get(i)).arguments(Map.of("s3_uri", calls.get(i + 1)))
                    .grant("grant-7").timeMillis(1_000L * (i + 1)).build();
            expected.add(interpreter.decide(call).toString());
        }
        assertThat(output.lines().toList()).containsExactlyElementsOf(expected);
        assertThat(expected.get(expected.size() - 1)).contains("start_fhir_export_job_rate").contains("DENY");
    }

    @Test
    void loadsFromAFolderAndFromAClassLoader(@TempDir Path temp) throws Exception {
        Path folder = PrecompiledPolicyWriter.write(compiler.compile(fhirPolicy()).compiled().orElseThrow(), temp);
        ToolCall call = ToolCall.builder("start_fhir_export_job").arguments(Map.of("s3_uri", "s3://phi-exports/a")).build();

        CompiledPolicy fromFolder = PolicyLoader.load(folder, new InMemoryCounterStore());
        assertThat(fromFolder.decide(call).isAllowed()).isTrue();
        assertThat(fromFolder).isInstanceOf(GeneratedPolicy.class);
        // the resources come from a loader that sees only the output folder; the class links against the runtime
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] {temp.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            assertThat(PolicyLoader.policies(loader)).containsExactly("fhir-export");
            assertThat(PolicyLoader.load(loader, "fhir-export", new InMemoryCounterStore()).decide(call))
                    .isEqualTo(fromFolder.decide(call));
            assertThatThrownBy(() -> PolicyLoader.load(loader, "other", new InMemoryCounterStore()))
                    .isInstanceOf(PolicyLoadException.class).hasMessageContaining("no precompiled policy");
        }
        CompiledPolicy fromClassPath = PolicyLoader.load(new java.net.URLClassLoader(
                new java.net.URL[] {temp.toUri().toURL()}, getClass().getClassLoader()), "fhir-export", new InMemoryCounterStore());
        assertThat(fromClassPath.decide(call)).isEqualTo(fromFolder.decide(call));
    }

    @Test
    void refusesTamperedMissingAndForeignFiles(@TempDir Path temp) throws Exception {
        CompiledPolicyClass compiled = compiler.compile(fhirPolicy()).compiled().orElseThrow();
        Path folder = PrecompiledPolicyWriter.write(compiled, temp);
        Path classFile = folder.resolve(PolicyDescriptor.classFileName(compiled.className()));
        byte[] original = Files.readAllBytes(classFile);

        byte[] tampered = original.clone();
        tampered[tampered.length - 1] ^= 1;
        Files.write(classFile, tampered);
        assertThatThrownBy(() -> PolicyLoader.load(folder, new InMemoryCounterStore()))
                .isInstanceOf(PolicyLoadException.class).hasMessageContaining("does not match its descriptor");

        Files.delete(classFile);
        assertThatThrownBy(() -> PolicyLoader.load(folder, new InMemoryCounterStore()))
                .isInstanceOf(PolicyLoadException.class).hasMessageContaining("lacks its class file");

        Files.write(classFile, original);
        Path descriptor = folder.resolve(PolicyDescriptor.FILE_NAME);
        byte[] bytes = Files.readAllBytes(descriptor);
        Files.write(descriptor, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> PolicyLoader.load(folder, new InMemoryCounterStore()))
                .isInstanceOf(PolicyLoadException.class).hasMessageContaining("truncated");

        Files.writeString(descriptor, "{\"not\": \"a descriptor\"}");
        assertThatThrownBy(() -> PolicyLoader.load(folder, new InMemoryCounterStore()))
                .isInstanceOf(PolicyLoadException.class).hasMessageContaining("is not a Portcullis policy descriptor");

        assertThatThrownBy(() -> PolicyLoader.load(temp.resolve("nowhere"), new InMemoryCounterStore()))
                .isInstanceOf(PolicyLoadException.class).hasMessageContaining("no precompiled policy");
    }

    @Test
    void compileAndWriteReportsFailuresAsDiagnostics(@TempDir Path temp) throws Exception {
        PrecompiledPolicyWriter.WriteResult written = PrecompiledPolicyWriter.compileAndWrite(compiler, fhirPolicy(), temp);
        assertThat(written.diagnostics()).isEmpty();
        assertThat(written.folder()).contains(temp.resolve("META-INF/portcullis/fhir-export"));

        Path notAFolder = Files.writeString(temp.resolve("file"), "x");
        PrecompiledPolicyWriter.WriteResult failed = PrecompiledPolicyWriter.compileAndWrite(compiler, fhirPolicy(), notAFolder);
        assertThat(failed.succeeded()).isFalse();
        assertThat(failed.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code().id()).isEqualTo("PC203");
            assertThat(d.message()).contains("fhir-export").contains(notAFolder.toString());
        });
    }

    @Test
    void folderNamesAreSafeAndDistinct() {
        assertThat(PrecompiledPolicyWriter.folderName("fhir-export.v2")).isEqualTo("fhir-export.v2");
        for (String hostile : List.of("..", "../../etc", "a/b", "a\\b", "", "con:x", "\u0000", "é")) {
            String folder = PrecompiledPolicyWriter.folderName(hostile);
            assertThat(folder).matches("[A-Za-z0-9_-][A-Za-z0-9_.-]*");
            assertThat(folder).isNotEqualTo(PrecompiledPolicyWriter.folderName(hostile + "x"));
        }
    }

    static Policy fhirPolicy() throws IOException, URISyntaxException {
        Path file = Path.of(Objects.requireNonNull(PrecompiledPolicyTest.class.getResource("/codegen/fhir-export.json")).toURI());
        return Canonical.policy(Files.readString(file));
    }

    private static Path runtimeLocation() throws URISyntaxException {
        return codeLocation(GeneratedPolicy.class);
    }

    private static Path codeLocation(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
