package dev.portcullis.compiler.codegen;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import dev.portcullis.compiler.ir.Policy;
import dev.portcullis.runtime.loader.PolicyDescriptor;
import dev.portcullis.runtime.loader.PolicyLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Writes a compiled policy so that a gateway loads it with the runtime alone
 * ({@link PolicyLoader}): under {@code <outputRoot>/META-INF/portcullis/<folder>/} the class files and
 * {@code policy.bin}, and the folder's name in {@code META-INF/portcullis/index}. Point
 * {@code outputRoot} at {@code target/classes} to ship policies inside the project's jar.
 *
 * <p>Each file is written to a temporary file and moved into place, so a reader never sees half a
 * file; the descriptor is written last, so a folder with a descriptor is complete.
 */
public final class PrecompiledPolicyWriter {

    private PrecompiledPolicyWriter() {
    }

    /**
     * What {@link #compileAndWrite} did: the policy's folder, or the diagnostics saying why there is none
     * (PC200-PC202 when compiling failed, PC203 when writing failed).
     */
    public record WriteResult(Optional<Path> folder, List<Diagnostic> diagnostics) {
        public WriteResult {
            Objects.requireNonNull(folder, "folder");
            diagnostics = List.copyOf(diagnostics);
        }

        public boolean succeeded() {
            return folder.isPresent();
        }
    }

    /**
     * Compiles the policy and writes it under its {@linkplain #folderName folder name}; every failure is a
     * diagnostic, never an exception. What the CLI's {@code compile} command and the Maven plugin's
     * {@code compile} goal call.
     *
     * @param policy     a policy whose checks reported no error
     * @param outputRoot e.g. {@code target/classes}
     */
    public static WriteResult compileAndWrite(BytecodeCompiler compiler, Policy policy, Path outputRoot) {
        BytecodeResult result = compiler.compile(policy);
        if (result.compiled().isEmpty()) {
            return new WriteResult(Optional.empty(), result.diagnostics());
        }
        try {
            return new WriteResult(Optional.of(write(result.compiled().get(), outputRoot)), List.of());
        } catch (IOException | RuntimeException e) {
            return new WriteResult(Optional.empty(), List.of(Diagnostic.of(DiagnosticCode.PRECOMPILED_WRITE_FAILED,
                    policy.position(), policy.name(), outputRoot, e.getClass().getSimpleName() + ": " + e.getMessage())));
        }
    }

    /**
     * Writes the policy under its {@linkplain #folderName folder name}.
     *
     * @return the policy's folder
     */
    public static Path write(CompiledPolicyClass compiled, Path outputRoot) throws IOException {
        return write(compiled, outputRoot, folderName(compiled.policyName()));
    }

    /**
     * Writes the policy into {@code <outputRoot>/META-INF/portcullis/<folder>/}.
     *
     * @param folder a folder name: letters, digits, {@code _ - .}, not starting with a dot
     * @return the policy's folder
     */
    public static Path write(CompiledPolicyClass compiled, Path outputRoot, String folder) throws IOException {
        Objects.requireNonNull(compiled, "compiled");
        if (!folderName(folder).equals(folder)) {
            throw new IllegalArgumentException("'" + folder + "' is not a safe folder name; use " + folderName(folder));
        }
        Path root = outputRoot.resolve(PolicyLoader.ROOT);
        Path target = root.resolve(folder);
        Files.createDirectories(target);
        Map<String, byte[]> digests = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> file : compiled.classFiles().entrySet()) {
            writeAtomically(target.resolve(PolicyDescriptor.classFileName(file.getKey())), file.getValue());
            digests.put(file.getKey(), PolicyDescriptor.sha256(file.getValue()));
        }
        PolicyDescriptor descriptor = new PolicyDescriptor(compiled.className(), digests, compiled.tables());
        Path temporary = Files.createTempFile(target, ".policy", ".tmp");
        try (OutputStream out = Files.newOutputStream(temporary)) {
            descriptor.writeTo(new java.io.BufferedOutputStream(out));
        }
        Files.move(temporary, target.resolve(PolicyDescriptor.FILE_NAME), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        addToIndex(root.resolve("index"), folder);
        return target;
    }

    /**
     * A folder name for a policy name: the characters {@code A-Z a-z 0-9 _ - .} kept, others replaced by
     * {@code _}, a leading dot replaced, {@code policy} for an empty name, and a hash suffix whenever
     * anything was replaced, so that distinct names never share a folder.
     */
    public static String folderName(String policyName) {
        StringBuilder safe = new StringBuilder();
        for (int i = 0; i < policyName.length() && safe.length() < 100; i++) {
            char c = policyName.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                    || c == '-' || (c == '.' && i > 0);
            safe.append(allowed ? c : '_');
        }
        if (safe.toString().equals(policyName) && !policyName.isEmpty()) {
            return policyName;
        }
        String hash = PolicySourceGenerator.sha256(policyName).substring(0, 8);
        return (safe.length() == 0 ? "policy" : safe.toString()) + "-" + hash;
    }

    private static void addToIndex(Path index, String folder) throws IOException {
        TreeSet<String> names = new TreeSet<>();
        if (Files.exists(index)) {
            try (InputStream in = Files.newInputStream(index)) {
                names.addAll(PolicyLoader.readIndex(in));
            }
        }
        if (names.add(folder) || !Files.exists(index)) {
            writeAtomically(index, (String.join("\n", names) + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path temporary = Files.createTempFile(file.getParent(), ".part", ".tmp");
        Files.write(temporary, bytes);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
