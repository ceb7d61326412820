package dev.portcullis.runtime.counter;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class FixedWindowCounterProperties {

    @Property(tries = 400)
    void admitsExactlyWhatTheModelAdmits(@ForAll @IntRange(min = 1, max = 6) int max, @ForAll("windows") long window,
                                         @ForAll @LongRange(min = -1_000_000_000_000L, max = 4_000_000_000_000L) long start,
                                         @ForAll("steps") List<CounterScenario.Step> steps) {
        FixedWindowCounter counter = new FixedWindowCounter(TestTimes.spec(Algorithm.FIXED, max, window));
        CounterScenario.play(counter, new FixedWindowModel(max, window), steps, start, false);
    }

    @Property(tries = 300)
    void inTimeOrderNoWindowEverHoldsMoreThanMax(@ForAll @IntRange(min = 1, max = 6) int max, @ForAll("windows") long window,
                                                 @ForAll @LongRange(min = 0, max = 4_000_000_000_000L) long start,
                                                 @ForAll("steps") List<CounterScenario.Step> steps) {
        FixedWindowCounter counter = new FixedWindowCounter(TestTimes.spec(Algorithm.FIXED, max, window));
        List<CounterScenario.Admitted> admitted = CounterScenario.play(counter, new FixedWindowModel(max, window),
                CounterScenario.withoutReleases(steps), start, true);

        Map<String, Long> perKeyAndWindow = admitted.stream().collect(Collectors.groupingBy(
                call -> call.key() + "@" + Math.floorDiv(call.atMillis(), window),
                Collectors.summingLong(CounterScenario.Admitted::amount)));
        assertThat(perKeyAndWindow.values()).allSatisfy(sum -> assertThat(sum).isLessThanOrEqualTo(max));
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
