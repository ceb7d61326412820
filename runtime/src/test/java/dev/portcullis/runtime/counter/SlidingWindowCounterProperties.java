package dev.portcullis.runtime.counter;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SlidingWindowCounterProperties {

    @Property(tries = 400)
    void admitsExactlyWhatTheModelAdmits(@ForAll(supplier = CounterScenario.AnyRun.class) CounterScenario.Run run) {
        CounterScenario.play(new SlidingWindowCounter(run.spec(Algorithm.SLIDING)), new SlidingWindowModel(run.max(), run.window()),
                run, false);
    }

    @Property(tries = 300)
    void inTimeOrderNoIntervalOfTheWindowsLengthHoldsMoreThanMax(
            @ForAll(supplier = CounterScenario.InOrderRun.class) CounterScenario.Run run) {
        List<CounterScenario.Admitted> admitted = CounterScenario.play(new SlidingWindowCounter(run.spec(Algorithm.SLIDING)),
                new SlidingWindowModel(run.max(), run.window()), run.withoutReleases(), true);

        // the busiest intervals end at an admitted call: check every one of them
        for (CounterScenario.Admitted last : admitted) {
            long sum = admitted.stream()
                    .filter(call -> call.key().equals(last.key()))
                    .filter(call -> call.atMillis() <= last.atMillis() && last.atMillis() - call.atMillis() < run.window())
                    .mapToLong(CounterScenario.Admitted::amount)
                    .sum();
            assertThat(sum).as("admitted in the window ending at %s", last).isLessThanOrEqualTo(run.max());
        }
    }
}
