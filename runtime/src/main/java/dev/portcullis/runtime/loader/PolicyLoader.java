package dev.portcullis.runtime.loader;

import dev.portcullis.runtime.CompiledPolicy;
import dev.portcullis.runtime.counter.CounterStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Loads precompiled policies with the runtime alone: no compiler, Janino or Jackson. The bytecode
 * compiler's writer leaves, for each policy, a folder {@code META-INF/portcullis/<policy>/} holding
 * {@code policy.bin} ({@link PolicyDescriptor}) and the policy's class files, and lists the folder in
 * {@code META-INF/portcullis/index}. The class files sit outside the package tree on purpose: they are
 * defined by a {@link PolicyClassLoader} of their own, after their SHA-256 is checked against the
 * descriptor, so several versions of a policy can be loaded side by side (hot reload).
 *
 * <pre>{@code
 * CounterStore counters = new RetainingCounterStore();
 * SwappablePolicy policy = new SwappablePolicy(PolicyLoader.load(classLoader, "fhir-export", counters));
 * // later, after deploying a new version:
 * policy.swap(PolicyLoader.load(Path.of("/etc/portcullis/META-INF/portcullis/fhir-export"), counters));
 * }</pre>
 */
public final class PolicyLoader {

    /** Where precompiled policies live, in a jar or output folder. */
    public static final String ROOT = "META-INF/portcullis/";
    /** The list of policy folders under {@link #ROOT}, one per line. */
    public static final String INDEX = ROOT + "index";

    private PolicyLoader() {
    }

    /** Reads one file of a policy's folder; {@code null} when it does not exist. */
    @FunctionalInterface
    private interface FolderReader {
        InputStream open(String fileName) throws IOException;
    }

    /**
     * Loads the policy in {@code policyFolder} (the folder holding {@code policy.bin}).
     *
     * @throws PolicyLoadException when a file is missing, corrupt or does not match the descriptor
     */
    public static CompiledPolicy load(Path policyFolder, CounterStore store) {
        Objects.requireNonNull(policyFolder, "policyFolder");
        return load(fileName -> {
            try {
                return Files.newInputStream(policyFolder.resolve(fileName));
            } catch (NoSuchFileException e) {
                return null;
            }
        }, policyFolder.toString(), store);
    }

    /**
     * Loads the policy {@code META-INF/portcullis/<policy>/} from the class path of {@code classLoader}.
     *
     * @throws PolicyLoadException when the policy is not there, or a file is corrupt or does not match
     */
    public static CompiledPolicy load(ClassLoader classLoader, String policy, CounterStore store) {
        Objects.requireNonNull(classLoader, "classLoader");
        Objects.requireNonNull(policy, "policy");
        String folder = ROOT + policy + "/";
        return load(fileName -> classLoader.getResourceAsStream(folder + fileName), folder, store);
    }

    /** The policies listed in every {@code META-INF/portcullis/index} visible to {@code classLoader}, sorted. */
    public static List<String> policies(ClassLoader classLoader) {
        TreeSet<String> names = new TreeSet<>();
        try {
            Enumeration<URL> indexes = classLoader.getResources(INDEX);
            while (indexes.hasMoreElements()) {
                try (InputStream in = indexes.nextElement().openStream()) {
                    names.addAll(readIndex(in));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + INDEX, e);
        }
        return new ArrayList<>(names);
    }

    /** The policy folder names an index file lists (blank lines ignored). */
    public static List<String> readIndex(InputStream in) throws IOException {
        List<String> names = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (!line.isBlank()) {
                names.add(line.strip());
            }
        }
        return names;
    }

    private static CompiledPolicy load(FolderReader folder, String origin, CounterStore store) {
        Objects.requireNonNull(store, "store");
        PolicyDescriptor descriptor;
        try (InputStream in = folder.open(PolicyDescriptor.FILE_NAME)) {
            if (in == null) {
                throw new PolicyLoadException("no precompiled policy at " + origin + " (missing " + PolicyDescriptor.FILE_NAME + ")");
            }
            descriptor = PolicyDescriptor.readFrom(in, origin + PolicyDescriptor.FILE_NAME);
        } catch (IOException e) {
            throw new PolicyLoadException("cannot read " + origin + PolicyDescriptor.FILE_NAME + ": " + e.getMessage(), e);
        }
        Map<String, byte[]> classFiles = new HashMap<>();
        for (Map.Entry<String, byte[]> expected : descriptor.classFiles().entrySet()) {
            String fileName = PolicyDescriptor.classFileName(expected.getKey());
            byte[] bytes;
            try (InputStream in = folder.open(fileName)) {
                if (in == null) {
                    throw new PolicyLoadException("precompiled policy at " + origin + " lacks its class file " + fileName);
                }
                bytes = in.readAllBytes();
            } catch (IOException e) {
                throw new PolicyLoadException("cannot read " + origin + fileName + ": " + e.getMessage(), e);
            }
            if (!MessageDigest.isEqual(expected.getValue(), PolicyDescriptor.sha256(bytes))) {
                throw new PolicyLoadException("class file " + fileName + " at " + origin
                        + " does not match its descriptor (files from different compilations?)");
            }
            classFiles.put(expected.getKey(), bytes);
        }
        PolicyClassLoader loader = new PolicyClassLoader(classFiles);
        return PolicyClassLoader.instantiate(loader.policyClass(descriptor.className()), descriptor.tables(), store);
    }
}
