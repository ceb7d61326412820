package dev.portcullis.compiler.codegen;

import dev.portcullis.runtime.eval.GeneratedPolicy;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.SoftReference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Compiled policy classes keyed by the SHA-256 of their generated source, which renders the policy's
 * IR without its texts: recompiling an unchanged policy (or one that differs only in names, reasons
 * and literals) returns the class already loaded. Values are soft references, so the JVM drops
 * classes nobody uses when memory runs low; a dropped class is compiled again on next use.
 * Thread-safe.
 */
public final class CompiledClassCache {

    /** A loaded class and the bytes it was defined from. */
    record LoadedClass(Class<? extends GeneratedPolicy> policyClass, Map<String, byte[]> classFiles) {
        LoadedClass {
            classFiles = Map.copyOf(classFiles);
        }
    }

    private static final class Entry extends SoftReference<LoadedClass> {
        final String key;

        Entry(String key, LoadedClass value, ReferenceQueue<LoadedClass> queue) {
            super(value, queue);
            this.key = key;
        }
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final ReferenceQueue<LoadedClass> cleared = new ReferenceQueue<>();

    /** The cached class for {@code sourceHash}, or the one {@code compile} makes (then cached). */
    LoadedClass get(String sourceHash, Supplier<LoadedClass> compile) {
        purgeCleared();
        Entry entry = entries.get(sourceHash);
        LoadedClass loaded = entry == null ? null : entry.get();
        if (loaded == null) {
            loaded = compile.get();
            entries.put(sourceHash, new Entry(sourceHash, loaded, cleared));
        }
        return loaded;
    }

    /** How many classes are cached and not yet reclaimed. */
    public int size() {
        purgeCleared();
        return entries.size();
    }

    public void clear() {
        entries.clear();
    }

    private void purgeCleared() {
        for (java.lang.ref.Reference<? extends LoadedClass> ref; (ref = cleared.poll()) != null; ) {
            Entry entry = (Entry) ref;
            entries.remove(entry.key, entry);
        }
    }
}
