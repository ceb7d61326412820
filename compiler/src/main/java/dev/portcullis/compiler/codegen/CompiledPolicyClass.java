package dev.portcullis.compiler.codegen;

import dev.portcullis.runtime.CompiledPolicy;
import dev.portcullis.runtime.counter.CounterStore;
import dev.portcullis.runtime.eval.GeneratedPolicy;
import dev.portcullis.runtime.eval.PolicyTables;
import dev.portcullis.runtime.loader.PolicyClassLoader;
import java.util.Map;
import java.util.Objects;

/**
 * A policy compiled to bytecode: its loaded class, the class files (for
 * {@link PrecompiledPolicyWriter}), its tables and the source they came from. Create as many
 * instances as needed, each with the counter store it should count in.
 */
public final class CompiledPolicyClass {

    private final GeneratedSource source;
    private final CompiledClassCache.LoadedClass loaded;

    CompiledPolicyClass(GeneratedSource source, CompiledClassCache.LoadedClass loaded) {
        this.source = Objects.requireNonNull(source, "source");
        this.loaded = Objects.requireNonNull(loaded, "loaded");
    }

    /**
     * A policy ready to decide calls, counting in {@code store}.
     *
     * @throws dev.portcullis.runtime.loader.PolicyLoadException when construction fails (the store holds a
     *                                                           counter of the same name defined otherwise)
     */
    public CompiledPolicy instantiate(CounterStore store) {
        return PolicyClassLoader.instantiate(loaded.policyClass(), source.tables(), store);
    }

    public String policyName() {
        return source.tables().name();
    }

    /** The binary name of the generated class. */
    public String className() {
        return source.className();
    }

    public Class<? extends GeneratedPolicy> policyClass() {
        return loaded.policyClass();
    }

    /** Class bytes by binary name. */
    public Map<String, byte[]> classFiles() {
        return loaded.classFiles();
    }

    public PolicyTables tables() {
        return source.tables();
    }

    public GeneratedSource source() {
        return source;
    }
}
