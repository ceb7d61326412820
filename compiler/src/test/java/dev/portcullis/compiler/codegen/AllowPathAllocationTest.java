package dev.portcullis.compiler.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.compiler.testing.Canonical;
import dev.portcullis.runtime.CompiledPolicy;
import dev.portcullis.runtime.Decision;
import dev.portcullis.runtime.ToolCall;
import dev.portcullis.runtime.counter.InMemoryCounterStore;
import java.lang.management.ManagementFactory;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Deciding an allowed call allocates nothing once the JIT has compiled the path: an exact entry with
 * a condition and a limit charged on every call, and a glob entry (JMH's {@code -prof gc} in
 * {@code benchmarks/} measures the same thing more precisely).
 */
class AllowPathAllocationTest {

    private static final int CALLS = 200_000;

    @Test
    void allowedDecisionsAllocateNothing() {
        com.sun.management.ThreadMXBean threads = threadBean();
        CompiledPolicy policy = new BytecodeCompiler().compile(Canonical.policy("""
                {"version": "1", "default": "deny", "tools": {
                  "export": {"require": [{"path": "args.uri", "op": "starts_with", "value": "s3://ok/"},
                                         {"path": "args.size", "op": "lte", "value": 100}],
                             "limits": [{"counter": "exports", "window": "day", "max": 1000000000000, "scope": "grant"}]},
                  "list_*": {"deny_if": [{"path": "args.page", "op": "gt", "value": 1000}]}}}"""))
                .compiled().orElseThrow().instantiate(new InMemoryCounterStore());
        ToolCall[] calls = {
            ToolCall.builder("export").arguments(Map.of("uri", "s3://ok/a", "size", 7)).grant("g").timeMillis(1_000).build(),
            ToolCall.builder("list_things").arguments(Map.of("page", 3)).grant("g").timeMillis(1_000).build(),
        };
        for (int round = 0; round < 5; round++) { // warm up until compiled
            decide(policy, calls);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        decide(policy, calls);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated by %d allowed decisions", CALLS).isLessThan(CALLS / 100);
    }

    private static void decide(CompiledPolicy policy, ToolCall[] calls) {
        for (int i = 0; i < CALLS; i++) {
            Decision decision = policy.decide(calls[i & 1]);
            if (!decision.isAllowed()) {
                throw new AssertionError("call " + i + " was not allowed: " + decision);
            }
        }
    }

    private static com.sun.management.ThreadMXBean threadBean() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "this JVM does not report per-thread allocation");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported(), "per-thread allocation is not supported");
        threads.setThreadAllocatedMemoryEnabled(true);
        return threads;
    }
}
