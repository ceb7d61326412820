package dev.portcullis.testkit.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.runtime.Decision;
import dev.portcullis.runtime.RateLimitDenial;
import dev.portcullis.runtime.ToolCall;
import dev.portcullis.runtime.counter.Algorithm;
import dev.portcullis.runtime.counter.CounterSpec;
import dev.portcullis.runtime.counter.Scope;
import dev.portcullis.testkit.coverage.CallLimit;
import dev.portcullis.testkit.coverage.CallerKeying;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RateLimitContextTest {

    private static final long AT = Instant.parse("2026-11-26T10:00:42Z").toEpochMilli();

    private static CallLimit limit(Algorithm algorithm, Scope scope, String perPath, List<String> per, List<String> incrementFrom) {
        return new CallLimit("exports", Optional.empty(), 1, incrementFrom,
                Optional.of(new CounterSpec("exports", algorithm, 10, 60_000)),
                Optional.of(new CallerKeying(scope, perPath, per)));
    }

    private static Decision refused(long count) {
        return Decision.rateLimited(new RateLimitDenial("exports", 10, 60_000, count, 18_000), "limit exports reached");
    }

    private static ToolCall call(Map<String, Object> arguments) {
        return ToolCall.builder("start_export").arguments(arguments).grant("ci-runner").session("s 1").timeMillis(AT).build();
    }

    @Test
    void aFixedWindowIsTheCalendarWindowOfTheCall() {
        assertThat(RateLimitContext.of(refused(10), call(Map.of()), List.of(limit(Algorithm.FIXED, Scope.GRANT, null, List.of(), List.of()))))
                .hasValue("grant=ci-runner; would be the 11th call in the window 2026-11-26T10:00:00Z-10:01:00Z");
    }

    @Test
    void aSlidingWindowEndsAtTheCall() {
        assertThat(RateLimitContext.of(refused(10), call(Map.of()), List.of(limit(Algorithm.SLIDING, Scope.GLOBAL, null, List.of(), List.of()))))
                .hasValue("global; would be the 11th call in the window 2026-11-26T09:59:42Z-10:00:42Z");
    }

    @Test
    void aTokenBucketHasNoWindowAndAPerArgumentBudgetNamesTheValue() {
        CallLimit perDatastore = limit(Algorithm.TOKEN_BUCKET, Scope.SESSION, "args.datastore_id", List.of("datastore_id"), List.of());
        assertThat(RateLimitContext.of(refused(10), call(Map.of("datastore_id", "ds-1")), List.of(perDatastore)))
                .hasValue("session=\"s 1\", args.datastore_id=\"ds-1\"; would be the 11th call with the bucket empty");
    }

    @Test
    void aCallChargingSeveralUnitsSaysHowManyAndHowMuchWasUsed() {
        CallLimit spend = limit(Algorithm.FIXED, Scope.GRANT, null, List.of(), List.of("amount"));
        assertThat(RateLimitContext.of(refused(8), call(Map.of("amount", 3)), List.of(spend)))
                .hasValue("grant=ci-runner; a call of 3 with 8 of 10 used in the window 2026-11-26T10:00:00Z-10:01:00Z");
    }

    @Test
    void nothingIsAddedWithoutARateLimitOrWithoutKnowingTheLimit() {
        List<CallLimit> known = List.of(limit(Algorithm.FIXED, Scope.GRANT, null, List.of(), List.of()));
        assertThat(RateLimitContext.of(Decision.deny("rule", "no"), call(Map.of()), known)).isEmpty();
        assertThat(RateLimitContext.of(refused(10), call(Map.of()), List.of(CallLimit.ofCounter("exports")))).isEmpty();
        assertThat(RateLimitContext.of(refused(10), call(Map.of()), List.of())).isEmpty();
    }

    @Test
    void ordinalsAndIntervalsReadAsPeopleWriteThem() {
        assertThat(List.of(1L, 2L, 3L, 4L, 11L, 12L, 13L, 21L, 22L, 101L, 111L, 112L).stream().map(RateLimitContext::ordinal))
                .containsExactly("1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st", "111th", "112th");
        long midnight = Instant.parse("2026-11-27T00:00:00Z").toEpochMilli();
        assertThat(RateLimitContext.interval(midnight - 86_400_000L, midnight)).isEqualTo("2026-11-26T00:00:00Z-2026-11-27T00:00:00Z");
        assertThat(RateLimitContext.interval(AT - 500, AT)).isEqualTo("2026-11-26T10:00:41.500Z-10:00:42Z");
    }
}
