package dev.portcullis.runtime.counter;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketCounterProperties {

    @Property(tries = 400)
    void inTimeOrderAdmitsExactlyWhatTheTextbookBucketAdmits(
            @ForAll @IntRange(min = 1, max = 6) int max, @ForAll("windows") long window,
            @ForAll @LongRange(min = 0, max = 4_000_000_000_000L) long start,
            @ForAll("steps") List<CounterScenario.Step> steps) {
        TokenBucketCounter counter = new TokenBucketCounter(TestTimes.spec(Algorithm.TOKEN_BUCKET, max, window));
        CounterScenario.play(counter, new TokenBucketModel(max, window), steps, start, true);
    }

    @Property(tries = 400)
    void inAnyOrderAdmitsExactlyWhatUnboundedGcraAdmits(
            @ForAll @IntRange(min = 1, max = 6) int max, @ForAll("windows") long window,
            @ForAll @LongRange(min = -1_000_000_000_000L, max = 4_000_000_000_000L) long start,
            @ForAll("steps") List<CounterScenario.Step> steps) {
        TokenBucketCounter counter = new TokenBucketCounter(TestTimes.spec(Algorithm.TOKEN_BUCKET, max, window));
        CounterScenario.play(counter, new GcraModel(max, window), steps, start, false);
    }

    @Property(tries = 300)
    void inTimeOrderNoIntervalAdmitsMoreThanAFullBucketPlusItsRefill(
            @ForAll @IntRange(min = 1, max = 6) int max, @ForAll("windows") long window,
            @ForAll @LongRange(min = 0, max = 4_000_000_000_000L) long start,
            @ForAll("steps") List<CounterScenario.Step> steps) {
        TokenBucketCounter counter = new TokenBucketCounter(TestTimes.spec(Algorithm.TOKEN_BUCKET, max, window));
        List<CounterScenario.Admitted> admitted = CounterScenario.play(counter, new TokenBucketModel(max, window),
                CounterScenario.withoutReleases(steps), start, true);

        for (CounterScenario.Admitted first : admitted) {
            for (CounterScenario.Admitted last : admitted) {
                if (!first.key().equals(last.key()) || last.atMillis() < first.atMillis()) {
                    continue;
                }
                long sum = admitted.stream()
                        .filter(call -> call.key().equals(first.key()))
                        .filter(call -> call.atMillis() >= first.atMillis() && call.atMillis() <= last.atMillis())
                        .mapToLong(CounterScenario.Admitted::amount)
                        .sum();
                long refill = (last.atMillis() - first.atMillis()) * max / window;
                assertThat(sum).as("admitted from %s to %s", first, last).isLessThanOrEqualTo(max + refill);
            }
        }
    }

    @Provide
    Arbitrary<List<CounterScenario.Step>> steps() {
        return CounterScenario.steps();
    }

    @Provide
    Arbitrary<Long> windows() {
        return CounterScenario.windows();
    }
}
