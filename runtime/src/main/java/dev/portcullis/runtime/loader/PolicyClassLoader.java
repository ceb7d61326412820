package dev.portcullis.runtime.loader;

import dev.portcullis.runtime.CompiledPolicy;
import dev.portcullis.runtime.counter.CounterStore;
import dev.portcullis.runtime.eval.GeneratedPolicy;
import dev.portcullis.runtime.eval.PolicyTables;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.Objects;

/**
 * Defines a compiled policy's classes from their bytes, in a loader of their own whose parent sees the
 * runtime: each policy version lives in its own loader, so a reloaded policy never clashes with the one
 * it replaces, and an old version is unloaded once nothing uses it.
 */
public final class PolicyClassLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final Map<String, byte[]> classFiles;

    /** @param classFiles class bytes by binary name ({@code dev.portcullis.generated.Policy_ab12}) */
    public PolicyClassLoader(Map<String, byte[]> classFiles) {
        super("portcullis-policy", GeneratedPolicy.class.getClassLoader());
        this.classFiles = Map.copyOf(classFiles);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classFiles.get(name);
        if (bytes == null) {
            throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
    }

    /**
     * Loads {@code className} and checks that it is a generated policy.
     *
     * @throws PolicyLoadException when the class is missing, malformed or of another kind
     */
    public Class<? extends GeneratedPolicy> policyClass(String className) {
        try {
            Class<?> loaded = Class.forName(className, true, this);
            if (!GeneratedPolicy.class.isAssignableFrom(loaded)) {
                throw new PolicyLoadException("class " + className + " is not a generated Portcullis policy");
            }
            return loaded.asSubclass(GeneratedPolicy.class);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new PolicyLoadException("cannot load policy class " + className + ": " + e, e);
        }
    }

    /**
     * Creates a policy from its class and tables, with counters from {@code store}.
     *
     * @throws PolicyLoadException when the class has no {@code (PolicyTables, CounterStore)} constructor or
     *                             construction fails (a regex that does not compile, a counter already
     *                             defined otherwise in the store); the message says which
     */
    public static CompiledPolicy instantiate(Class<? extends GeneratedPolicy> policyClass, PolicyTables tables,
                                             CounterStore store) {
        Objects.requireNonNull(tables, "tables");
        Objects.requireNonNull(store, "store");
        try {
            return policyClass.getConstructor(PolicyTables.class, CounterStore.class).newInstance(tables, store);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new PolicyLoadException("policy '" + tables.name() + "' cannot be constructed: " + cause.getMessage(), cause);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new PolicyLoadException("policy '" + tables.name() + "' cannot be constructed from " + policyClass.getName()
                    + ": " + e, e);
        }
    }
}
