package dev.portcullis.testkit.assertion;

import dev.portcullis.runtime.CompiledPolicy;
import dev.portcullis.runtime.Decision;
import dev.portcullis.runtime.Effect;
import dev.portcullis.runtime.Reservation;
import dev.portcullis.runtime.ToolCall;
import dev.portcullis.testkit.replay.DecisionText;
import dev.portcullis.testkit.transcript.Timestamps;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;

/**
 * A call about to be decided. Describe it ({@link #withArguments}, {@link #grant}, {@link #at}), then
 * assert: each assertion decides the call once, counting it as a gateway would ({@code reserve} then
 * {@code commit}), and returns the decision for further checks.
 */
public final class CallAssert {

    private final CompiledPolicy policy;
    private final LocalDate day;
    private final ToolCall.Builder call;
    private final String tool;
    private long timeMillis;

    CallAssert(CompiledPolicy policy, String tool, LocalDate day) {
        this.policy = policy;
        this.tool = Objects.requireNonNull(tool, "tool");
        this.day = day;
        this.call = ToolCall.builder(tool);
    }

    /** The call's arguments, in the shape Jackson produces (maps, lists, strings, numbers, booleans). */
    public CallAssert withArguments(Map<String, Object> arguments) {
        call.arguments(arguments);
        return this;
    }

    public CallAssert grant(String grant) {
        call.grant(grant);
        return this;
    }

    public CallAssert session(String session) {
        call.session(session);
        return this;
    }

    public CallAssert agent(String agent) {
        call.agent(agent);
        return this;
    }

    /** When the call happens: an RFC 3339 date-time, or a time of day ({@code 10:00:11}, {@code 10:00:11.250}). */
    public CallAssert at(String time) {
        long parsed = Timestamps.parse(time);
        if (parsed == Timestamps.INVALID) {
            try {
                parsed = day.atTime(LocalTime.parse(time)).toInstant(ZoneOffset.UTC).toEpochMilli();
            } catch (DateTimeParseException notATime) {
                throw new IllegalArgumentException("'" + time + "' is neither an RFC 3339 date-time nor a time of day (HH:MM:SS)");
            }
        }
        this.timeMillis = parsed;
        return this;
    }

    /** When the call happens, in epoch milliseconds. */
    public CallAssert atEpochMillis(long epochMillis) {
        this.timeMillis = epochMillis;
        return this;
    }

    /** Decides the call (and counts it when allowed) without asserting anything. */
    public Decision decide() {
        Reservation reservation = policy.reserve(call.timeMillis(timeMillis).build());
        reservation.commit();
        return reservation.decision();
    }

    public DecisionAssert isAllowed() {
        return expect(Effect.ALLOW, null);
    }

    public DecisionAssert isDenied() {
        return expect(Effect.DENY, null);
    }

    /** Denied, by the rule or counter with this id. */
    public DecisionAssert isDeniedBy(String ruleOrCounter) {
        return expect(Effect.DENY, Objects.requireNonNull(ruleOrCounter, "ruleOrCounter"));
    }

    public DecisionAssert requiresApproval() {
        return expect(Effect.REQUIRE_APPROVAL, null);
    }

    /** Denied by this counter running out of room (not merely by a rule of the same name). */
    public DecisionAssert isRateLimitedBy(String counter) {
        DecisionAssert denied = isDeniedBy(counter);
        if (denied.decision().rateLimit() == null) {
            throw new AssertionError(describeCall() + ": expected a rate-limit denial by " + counter
                    + " but the denial carries no rate-limit details: " + DecisionText.describe(denied.decision()));
        }
        return denied;
    }

    private DecisionAssert expect(Effect effect, String rule) {
        Decision decision = decide();
        boolean ruleMatches = rule == null || rule.equals(decision.ruleId());
        if (decision.effect() != effect || !ruleMatches) {
            String expected = effect + (rule == null ? "" : " by " + rule);
            throw new AssertionError(describeCall() + ": expected " + expected + " but was " + decision.effect() + " by "
                    + decision.ruleId() + ": " + DecisionText.describe(decision));
        }
        return new DecisionAssert(describeCall(), decision);
    }

    private String describeCall() {
        return tool + " at " + Timestamps.format(timeMillis);
    }
}
