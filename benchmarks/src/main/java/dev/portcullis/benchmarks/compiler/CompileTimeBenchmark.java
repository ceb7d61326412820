package dev.portcullis.benchmarks.compiler;

import dev.portcullis.compiler.codegen.BytecodeCompiler;
import dev.portcullis.compiler.codegen.BytecodeResult;
import dev.portcullis.compiler.ir.Policy;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Compiling a 1,000-tool policy (each tool with a require of three comparisons, a deny_if and, for
 * every tenth, a limit) from IR to a loaded class, in a warm JVM, without the class cache: source
 * generation, Janino, class loading and the trial construction.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CompileTimeBenchmark {

    static final int TOOLS = 1_000;

    private Policy policy;

    @Setup
    public void setUp() {
        StringBuilder json = new StringBuilder("{\"version\": \"1\", \"name\": \"thousand\", \"default\": \"deny\", \"tools\": {");
        for (int i = 0; i < TOOLS; i++) {
            json.append(i == 0 ? "" : ",").append("\"tool_").append(i).append("\": {\"require\": [")
                    .append("{\"path\": \"args.amount\", \"op\": \"lte\", \"value\": ").append(i * 10).append("},")
                    .append("{\"path\": \"args.owner\", \"op\": \"in\", \"value\": [\"a").append(i).append("\", \"b\"]},")
                    .append("{\"path\": \"args.target\", \"op\": \"starts_with\", \"value\": \"/srv/").append(i).append("/\"}")
                    .append("], \"deny_if\": [{\"path\": \"args.target\", \"op\": \"regex\", \"value\": \"\\\\.\\\\.\"}]");
            if (i % 10 == 0) {
                json.append(", \"limits\": [{\"counter\": \"c").append(i).append("\", \"window\": \"minute\", \"max\": ")
                        .append(i + 1).append("}]");
            }
            json.append('}');
        }
        policy = FhirExportScenario.build("thousand.json", json.append("}}").toString());
    }

    @Benchmark
    public BytecodeResult compileThousandTools() {
        BytecodeResult result = new BytecodeCompiler().compile(policy);
        if (!result.succeeded()) {
            throw new IllegalStateException(result.diagnostics().toString());
        }
        return result;
    }
}
