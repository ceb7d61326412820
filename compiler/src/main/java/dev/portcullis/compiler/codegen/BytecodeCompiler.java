package dev.portcullis.compiler.codegen;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import dev.portcullis.compiler.interpret.PolicyInterpreter;
import dev.portcullis.compiler.ir.Policy;
import dev.portcullis.runtime.CompiledPolicy;
import dev.portcullis.runtime.counter.CounterStore;
import dev.portcullis.runtime.counter.InMemoryCounterStore;
import dev.portcullis.runtime.loader.PolicyClassLoader;
import dev.portcullis.runtime.loader.PolicyLoadException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Compiles a policy's IR to a JVM class with Janino: the generated class decides exactly as
 * {@link PolicyInterpreter} does, with conditions as straight-line code. Classes are cached by the
 * hash of their generated source (see {@link CompiledClassCache}). Thread-safe.
 *
 * <pre>{@code
 * BytecodeCompiler compiler = new BytecodeCompiler();
 * BytecodeResult result = compiler.compile(policy);
 * CompiledPolicy compiled = result.compiled().orElseThrow().instantiate(new InMemoryCounterStore());
 * }</pre>
 *
 * When compiling fails, the result carries a diagnostic (PC200-PC202) and the numbered generated
 * source goes to the {@code System.Logger} named after this class at DEBUG level.
 */
public final class BytecodeCompiler {

    private static final System.Logger LOG = System.getLogger(BytecodeCompiler.class.getName());

    private final CompiledClassCache cache;
    private final ClassCompiler classCompiler;

    /** A compiler with a cache of its own. */
    public BytecodeCompiler() {
        this(new CompiledClassCache());
    }

    /** A compiler sharing {@code cache} (one per JVM is typical). */
    public BytecodeCompiler(CompiledClassCache cache) {
        this(cache, new JaninoClassCompiler());
    }

    BytecodeCompiler(CompiledClassCache cache, ClassCompiler classCompiler) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.classCompiler = Objects.requireNonNull(classCompiler, "classCompiler");
    }

    /**
     * Generates, compiles and loads the policy's class, and checks that it can be constructed.
     *
     * @param policy a policy whose checks reported no error
     */
    public BytecodeResult compile(Policy policy) {
        Objects.requireNonNull(policy, "policy");
        GeneratedSource source;
        try {
            source = PolicySourceGenerator.generate(policy);
        } catch (RuntimeException | StackOverflowError e) {
            return failed(Diagnostic.of(DiagnosticCode.CODE_GENERATION_FAILED, policy.position(), policy.name(), describe(e)));
        }
        CompiledClassCache.LoadedClass loaded;
        try {
            loaded = cache.get(source.sourceHash(), () -> compileAndLoad(source));
        } catch (SourceDidNotCompile e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "generated source of policy '" + policy.name() + "' ("
                    + source.className() + "), which did not compile:\n" + source.numberedSource());
            return failed(Diagnostic.of(DiagnosticCode.BYTECODE_COMPILATION_FAILED, policy.position(), policy.name(),
                    describe(e.getCause()), LOG.getName()));
        } catch (PolicyLoadException e) {
            return failed(Diagnostic.of(DiagnosticCode.COMPILED_POLICY_UNUSABLE, policy.position(), policy.name(),
                    e.getMessage()));
        }
        CompiledPolicyClass compiled = new CompiledPolicyClass(source, loaded);
        try {
            compiled.instantiate(new InMemoryCounterStore());
        } catch (PolicyLoadException e) {
            return failed(Diagnostic.of(DiagnosticCode.COMPILED_POLICY_UNUSABLE, policy.position(), policy.name(),
                    e.getMessage()));
        }
        return new BytecodeResult(Optional.of(compiled), List.of());
    }

    /**
     * The compiled policy counting in {@code store}, or when compiling fails, the interpreter: the
     * failure's diagnostics and a PC204 warning go to {@code diagnostics}.
     */
    public CompiledPolicy compileOrInterpret(Policy policy, CounterStore store, Consumer<Diagnostic> diagnostics) {
        BytecodeResult result = compile(policy);
        if (result.compiled().isPresent()) {
            try {
                return result.compiled().get().instantiate(store);
            } catch (PolicyLoadException e) {
                diagnostics.accept(Diagnostic.of(DiagnosticCode.COMPILED_POLICY_UNUSABLE, policy.position(),
                        policy.name(), e.getMessage()));
            }
        } else {
            result.diagnostics().forEach(diagnostics);
        }
        diagnostics.accept(Diagnostic.of(DiagnosticCode.INTERPRETER_FALLBACK, policy.position(), policy.name()));
        return new PolicyInterpreter(policy, store);
    }

    /** The cache this compiler uses. */
    public CompiledClassCache cache() {
        return cache;
    }

    private CompiledClassCache.LoadedClass compileAndLoad(GeneratedSource source) {
        Map<String, byte[]> classFiles;
        try {
            classFiles = classCompiler.compile(source);
        } catch (Exception | StackOverflowError | LinkageError e) {
            throw new SourceDidNotCompile(e);
        }
        PolicyClassLoader loader = new PolicyClassLoader(classFiles);
        return new CompiledClassCache.LoadedClass(loader.policyClass(source.className()), classFiles);
    }

    private static BytecodeResult failed(Diagnostic diagnostic) {
        return new BytecodeResult(Optional.empty(), List.of(diagnostic));
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** Carries a compiler failure out of the cache's loader function. */
    private static final class SourceDidNotCompile extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SourceDidNotCompile(Throwable cause) {
            super(cause);
        }
    }
}
