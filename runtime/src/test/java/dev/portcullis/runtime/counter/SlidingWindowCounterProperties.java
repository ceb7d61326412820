package dev.portcullis.runtime.counter;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SlidingWindowCounterProperties {

    @Property(tries = 400)
    void admitsExactlyWhatTheModelAdmits(@ForAll @IntRange(min = 1, max = 6) int max, @ForAll("windows") long window,
                                         @ForAll @LongRange(min = -1_000_000_000_000L, max = 4_000_000_000_000L) long start,
                                         @ForAll("steps") List<CounterScenario.Step> steps) {
        SlidingWindowCounter counter = new SlidingWindowCounter(TestTimes.spec(Algorithm.SLIDING, max, window));
        CounterScenario.play(counter, new SlidingWindowModel(max, window), steps, start, false);
    }

    @Property(tries = 300)
    void inTimeOrderNoIntervalOfTheWindowsLengthHoldsMoreThanMax(
            @ForAll @IntRange(min = 1, max = 6) int max, @ForAll("windows") long window,
            @ForAll @LongRange(min = 0, max = 4_000_000_000_000L) long start,
            @ForAll("steps") List<CounterScenario.Step> steps) {
        SlidingWindowCounter counter = new SlidingWindowCounter(TestTimes.spec(Algorithm.SLIDING, max, window));
        List<CounterScenario.Admitted> admitted = CounterScenario.play(counter, new SlidingWindowModel(max, window),
                CounterScenario.withoutReleases(steps), start, true);

        // the busiest intervals end at an admitted call: check every one of them
        for (CounterScenario.Admitted last : admitted) {
            long sum = admitted.stream()
                    .filter(call -> call.key().equals(last.key()))
                    .filter(call -> call.atMillis() <= last.atMillis() && last.atMillis() - call.atMillis() < window)
                    .mapToLong(CounterScenario.Admitted::amount)
                    .sum();
            assertThat(sum).as("admitted in the window ending at %s", last).isLessThanOrEqualTo(max);
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
