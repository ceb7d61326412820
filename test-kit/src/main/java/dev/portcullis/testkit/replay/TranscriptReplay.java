package dev.portcullis.testkit.replay;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import dev.portcullis.compiler.source.SourcePosition;
import dev.portcullis.runtime.CompiledPolicy;
import dev.portcullis.runtime.Decision;
import dev.portcullis.runtime.Reservation;
import dev.portcullis.runtime.ToolCall;
import dev.portcullis.testkit.coverage.CallLimit;
import dev.portcullis.testkit.coverage.DecisionTally;
import dev.portcullis.testkit.coverage.PolicyCoverageModel;
import dev.portcullis.testkit.transcript.ProblemText;
import dev.portcullis.testkit.transcript.TranscriptHeader;
import dev.portcullis.testkit.transcript.TranscriptLine;
import dev.portcullis.testkit.transcript.TranscriptReader;
import dev.portcullis.testkit.transcript.TranscriptSource;
import dev.portcullis.testkit.transcript.Timestamps;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The replay of one transcript: its virtual clock, the reservations awaiting responses, and what it
 * records. Used once, by one thread.
 */
final class TranscriptReplay {

    private final TranscriptSource source;
    private final ReplayOptions options;
    private final ReplayListener listener;
    private final long startNanos = System.nanoTime();

    private final List<Mismatch> mismatches = new ArrayList<>();
    private long mismatchCount;
    private final List<Diagnostic> errors = new ArrayList<>();
    private long errorCount;

    private final Map<String, long[]> byRule = new HashMap<>();
    private final Map<String, long[]> rateLimitsByCounter = new HashMap<>();
    private final Map<String, long[]> limitDecisionsByRule = new HashMap<>();
    private final Map<String, long[]> chargedById = new HashMap<>();

    private long calls;
    private long allowed;
    private long denied;
    private long approvalRequired;
    private long otherMessages;
    private long responses;
    private long unanswered;
    private PendingReservations pending;

    /** The virtual clock: the latest call time seen, so small recorded jitter never moves time backwards. */
    private long clock = Long.MIN_VALUE;
    private long firstCall = Long.MIN_VALUE;

    TranscriptReplay(TranscriptSource source, ReplayOptions options, ReplayListener listener) {
        this.source = source;
        this.options = options;
        this.listener = listener;
        this.pending = new PendingReservations(options.maxPendingResponses());
    }

    /** Replays every line after the header through {@code policy}; {@code model} says which limits each call meets. */
    void replay(TranscriptReader reader, CompiledPolicy policy, PolicyCoverageModel model) {
        try {
            for (TranscriptLine line = reader.next(); line != null; line = reader.next()) {
                if (line instanceof TranscriptLine.CallLine call) {
                    decide(call, policy, model);
                } else if (line instanceof TranscriptLine.ResponseLine response) {
                    responses++;
                    if (response.requestId() != null) {
                        pending.settle(response.requestId(), response.failed());
                    }
                } else if (line instanceof TranscriptLine.OtherMessageLine) {
                    otherMessages++;
                } else if (line instanceof TranscriptLine.BrokenLine broken) {
                    error(broken.diagnostic());
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            error(Diagnostic.of(DiagnosticCode.TRANSCRIPT_UNREADABLE,
                    new SourcePosition(source.name(), reader.lineNumber(), 0), describe(unreadable)));
        } finally {
            unanswered = pending.commitRemaining();
        }
    }

    void error(Diagnostic diagnostic) {
        errorCount++;
        if (errors.size() < options.maxRecordedErrors()) {
            errors.add(diagnostic);
        }
    }

    TranscriptResult result(TranscriptHeader header, String policyName, int lines) {
        CallCounts counts = new CallCounts(lines, calls, allowed, denied, approvalRequired, otherMessages, responses,
                pending.released(), unanswered, pending.evicted());
        DecisionTally tally = new DecisionTally(unboxed(byRule), unboxed(rateLimitsByCounter),
                unboxed(limitDecisionsByRule), unboxed(chargedById));
        return new TranscriptResult(source, header, policyName, counts, mismatches, mismatchCount, errors, errorCount,
                tally, firstCall, calls == 0 ? Long.MIN_VALUE : clock, System.nanoTime() - startNanos);
    }

    static String describe(Throwable failure) {
        return ProblemText.of(failure);
    }

    private void decide(TranscriptLine.CallLine line, CompiledPolicy policy, PolicyCoverageModel model) {
        long time = line.timeMillis();
        if (clock != Long.MIN_VALUE && time < clock - options.backwardsToleranceMillis()) {
            error(Diagnostic.of(DiagnosticCode.TRANSCRIPT_TIME_WENT_BACKWARDS,
                    new SourcePosition(source.name(), line.line(), 0), Timestamps.format(time),
                    DecisionText.duration(clock - time), Timestamps.format(clock),
                    DecisionText.duration(options.backwardsToleranceMillis())));
            return;
        }
        if (clock == Long.MIN_VALUE) {
            firstCall = time;
        }
        clock = Math.max(clock, time);
        ToolCall call = line.toToolCall(clock);
        Reservation reservation = reserve(policy, call);
        Decision decision = reservation.decision();
        if (decision.isAllowed() && line.requestId() != null) {
            pending.hold(line.requestId(), reservation);
        } else {
            reservation.commit();
        }
        List<CallLimit> limits = model.limitsFor(call.tool());
        tally(call, decision, limits);
        String mismatch = ExpectationCheck.mismatch(line.expectation(), decision, call, limits);
        if (mismatch != null) {
            mismatchCount++;
            if (mismatches.size() < options.maxRecordedMismatches()) {
                mismatches.add(new Mismatch(source.name(), line.line(), call.tool(), clock, line.expectation(), decision, mismatch));
            }
        }
        listener.callDecided(new CallOutcome(source.name(), line.line(), call, line.requestId(), decision,
                line.expectation(), mismatch, limits));
    }

    /** As a gateway does: a policy that throws (which it must not) denies the call, failing closed. */
    private static Reservation reserve(CompiledPolicy policy, ToolCall call) {
        try {
            return policy.reserve(call);
        } catch (RuntimeException | StackOverflowError failure) {
            return new SettledReservation(Decision.evaluationFailed(failure));
        }
    }

    private void tally(ToolCall call, Decision decision, List<CallLimit> limits) {
        calls++;
        switch (decision.effect()) {
            case ALLOW -> {
                allowed++;
                tallyCharges(call, limits);
            }
            case DENY -> {
                denied++;
                if (decision.rateLimit() != null) {
                    increment(rateLimitsByCounter, decision.rateLimit().counter());
                }
                tallyLimitDecision(decision.ruleId(), limits);
            }
            case REQUIRE_APPROVAL -> approvalRequired++;
        }
        increment(byRule, decision.ruleId());
    }

    /** Each limit the allowed call took something from, and the rule declaring it. */
    private void tallyCharges(ToolCall call, List<CallLimit> limits) {
        for (CallLimit limit : limits) {
            if (limit.amount(call.arguments()) > 0) {
                increment(chargedById, limit.counter());
                limit.rule().ifPresent(rule -> increment(chargedById, rule));
            }
        }
    }

    /** A denial naming one of the call's limits (out of room, or an unusable amount) exercises the rule declaring it. */
    private void tallyLimitDecision(String ruleId, List<CallLimit> limits) {
        String credited = null;
        for (CallLimit limit : limits) {
            if (limit.counter().equals(ruleId) && limit.rule().isPresent() && !limit.rule().get().equals(credited)) {
                credited = limit.rule().get();
                increment(limitDecisionsByRule, credited);
            }
        }
    }

    private void increment(Map<String, long[]> tally, String name) {
        long[] count = tally.get(name);
        if (count == null) {
            String key = tally.size() < options.maxTalliedNames() ? name : ReplayOptions.OTHER_NAMES;
            count = tally.computeIfAbsent(key, absent -> new long[1]);
        }
        count[0]++;
    }

    private static Map<String, Long> unboxed(Map<String, long[]> tally) {
        Map<String, Long> counts = new HashMap<>();
        tally.forEach((name, count) -> counts.put(name, count[0]));
        return counts;
    }

    /** The reservation of a call denied without consulting any counter. */
    private record SettledReservation(Decision decision) implements Reservation {
        @Override
        public void commit() {
        }

        @Override
        public void release() {
        }
    }
}
