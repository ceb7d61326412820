package dev.portcullis.compiler.interpret;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.compiler.testing.Canonical;
import dev.portcullis.runtime.Decision;
import dev.portcullis.runtime.Reservation;
import dev.portcullis.runtime.ToolCall;
import dev.portcullis.runtime.counter.Algorithm;
import dev.portcullis.runtime.counter.InMemoryCounterStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The interpreter on the runtime's real counters, from many threads at once. */
class InterpreterConcurrencyTest {

    private static final String POLICY = """
            {"version": "1", "default": "deny",
             "tools": {
               "export": {"limits": [{"counter": "exports", "window": "minute", "max": 100, "scope": "global"}]},
               "import": {"limits": [{"counter": "imports", "window": "minute", "max": 1000, "scope": "global"}]}},
             "all_tools": {"limits": [{"counter": "calls", "window": "minute", "max": 150, "scope": "global",
                                       "algorithm": "sliding"}]}}
            """;

    @Test
    void racingCallsNeverExceedABudgetAndRefusedCallsTakeNothing() throws Exception {
        InMemoryCounterStore store = new InMemoryCounterStore();
        PolicyInterpreter policy = new PolicyInterpreter(Canonical.policy(POLICY), store);
        AtomicInteger exports = new AtomicInteger();
        AtomicInteger imports = new AtomicInteger();
        AtomicInteger released = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Void>> workers = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                workers.add(() -> {
                    for (int i = 0; i < 200; i++) {
                        String tool = (i + thread) % 2 == 0 ? "export" : "import";
                        Reservation reservation = policy.reserve(ToolCall.of(tool, Map.of(), 1_000));
                        if (!reservation.decision().isAllowed()) {
                            continue;
                        }
                        if (i % 10 == 0) {
                            reservation.release();
                            released.incrementAndGet();
                        } else {
                            reservation.commit();
                            (tool.equals("export") ? exports : imports).incrementAndGet();
                        }
                    }
                    return null;
                });
            }
            for (Future<Void> done : pool.invokeAll(workers)) {
                done.get();
            }
        } finally {
            pool.shutdownNow();
        }
        long calls = store.counter(new dev.portcullis.runtime.counter.CounterSpec("calls", Algorithm.SLIDING, 150, 60_000))
                .count("", 1_000);
        long exportCount = store.counter(new dev.portcullis.runtime.counter.CounterSpec("exports", Algorithm.FIXED, 100,
                60_000)).count("", 1_000);
        assertThat(calls).isEqualTo(exports.get() + imports.get()).isLessThanOrEqualTo(150);
        assertThat(exportCount).isEqualTo(exports.get()).isLessThanOrEqualTo(100);
        assertThat(calls).as("the shared budget was used up").isEqualTo(150);
        assertThat(released.get()).isPositive();
    }

    @Test
    void theDenialReadsTheSameOnTheRuntimesCounters() {
        PolicyInterpreter policy = new PolicyInterpreter(Canonical.policy("""
                {"version": "1", "tools": {"start_fhir_export_job": {"limits": [
                  {"counter": "start_fhir_export_job_rate", "window": "minute", "max": 10, "scope": "grant"}]}}}
                """), new InMemoryCounterStore());
        ToolCall call = ToolCall.builder("start_fhir_export_job").grant("g").timeMillis(12_000).build();
        for (int i = 0; i < 10; i++) {
            assertThat(policy.decide(call).isAllowed()).isTrue();
        }
        Decision denied = policy.decide(call);
        assertThat(denied.reason()).isEqualTo(
                "limit start_fhir_export_job_rate: 10 per minute per grant reached (10/10); retry after 48 s");
        assertThat(denied.rateLimitDenial().orElseThrow().retryAfterMillis()).isEqualTo(48_000);
    }
}
