package dev.portcullis.compiler.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import dev.portcullis.compiler.interpret.PolicyInterpreter;
import dev.portcullis.compiler.ir.Policy;
import dev.portcullis.compiler.testing.Canonical;
import dev.portcullis.runtime.CompiledPolicy;
import dev.portcullis.runtime.ToolCall;
import dev.portcullis.runtime.counter.InMemoryCounterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Compilation that fails reports PC2xx and logs the numbered source; the cache returns classes already compiled. */
class CompilerFailureAndCacheTest {

    private static final String POLICY = """
            {"version": "1", "default": "deny", "tools": {
              "read": {"require": [{"path": "args.path", "op": "starts_with", "value": "%s"}]}}}""";

    @Test
    void aFailingCompilationIsADiagnosticWithTheNumberedSourceLoggedAtDebug() {
        List<LogRecord> records = new ArrayList<>();
        Logger logger = Logger.getLogger(BytecodeCompiler.class.getName());
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Level previous = logger.getLevel();
        logger.setLevel(Level.FINE);
        logger.addHandler(capture);
        try {
            BytecodeCompiler broken = new BytecodeCompiler(new CompiledClassCache(), source -> {
                throw new org.codehaus.commons.compiler.CompileException("simulated failure", null);
            });
            Policy policy = Canonical.policy(POLICY.formatted("/tmp/"));
            BytecodeResult result = broken.compile(policy);
            assertThat(result.succeeded()).isFalse();
            assertThat(result.diagnostics()).singleElement().satisfies(d -> {
                assertThat(d.code()).isEqualTo(DiagnosticCode.BYTECODE_COMPILATION_FAILED);
                assertThat(d.toString()).contains("PC201").contains("simulated failure").contains(BytecodeCompiler.class.getName());
            });
            assertThat(records).singleElement().satisfies(r -> {
                assertThat(r.getLevel()).isEqualTo(Level.FINE);
                assertThat(r.getMessage()).contains("1: package dev.portcullis.generated;").contains("extends GeneratedPolicy");
            });

            List<Diagnostic> reported = new ArrayList<>();
            CompiledPolicy fallback = broken.compileOrInterpret(policy, new InMemoryCounterStore(), reported::add);
            assertThat(fallback).isInstanceOf(PolicyInterpreter.class);
            assertThat(reported).extracting(Diagnostic::code)
                    .containsExactly(DiagnosticCode.BYTECODE_COMPILATION_FAILED, DiagnosticCode.INTERPRETER_FALLBACK);
            assertThat(fallback.decide(ToolCall.of("read", Map.of("path", "/tmp/x"), 0)).isAllowed()).isTrue();
        } finally {
            logger.removeHandler(capture);
            logger.setLevel(previous);
        }
    }

    @Test
    void anInvalidRegexIsADiagnosticNotACrash() {
        Policy policy = Canonical.build("""
                {"version": "1", "tools": {"t": {"require": [{"path": "args.a", "op": "regex", "value": "(unclosed"}]}}}""")
                .policy();
        BytecodeResult result = new BytecodeCompiler().compile(policy);
        assertThat(result.succeeded()).isFalse();
        assertThat(result.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo(DiagnosticCode.COMPILED_POLICY_UNUSABLE);
            assertThat(d.message()).contains("(unclosed");
        });
    }

    @Test
    void recompilingAnUnchangedPolicyReturnsTheCachedClass() {
        BytecodeCompiler compiler = new BytecodeCompiler();
        CompiledPolicyClass first = compiler.compile(Canonical.policy(POLICY.formatted("/tmp/"))).compiled().orElseThrow();
        CompiledPolicyClass again = compiler.compile(Canonical.policy(POLICY.formatted("/tmp/"))).compiled().orElseThrow();
        assertThat(again.policyClass()).isSameAs(first.policyClass());

        CompiledPolicyClass otherText = compiler.compile(Canonical.policy(POLICY.formatted("/srv/"))).compiled().orElseThrow();
        assertThat(otherText.policyClass()).as("texts are data, so the class is shared").isSameAs(first.policyClass());
        assertThat(otherText.instantiate(new InMemoryCounterStore()).decide(ToolCall.of("read", Map.of("path", "/srv/a"), 0))
                .isAllowed()).isTrue();
        assertThat(first.instantiate(new InMemoryCounterStore()).decide(ToolCall.of("read", Map.of("path", "/srv/a"), 0))
                .isAllowed()).isFalse();

        CompiledPolicyClass otherShape = compiler.compile(Canonical.policy("""
                {"version": "1", "tools": {"read": {"deny_if": [{"path": "args.path", "op": "ends_with", "value": "x"}]}}}"""))
                .compiled().orElseThrow();
        assertThat(otherShape.policyClass()).isNotSameAs(first.policyClass());
        assertThat(compiler.cache().size()).isEqualTo(2);
        compiler.cache().clear();
        assertThat(compiler.compile(Canonical.policy(POLICY.formatted("/tmp/"))).compiled().orElseThrow().policyClass())
                .isNotSameAs(first.policyClass());
    }
}
