package dev.portcullis.runtime.counter;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** Both sliding windows, the lock-free slots and the log, against one trivially correct model. */
class SlidingWindowCounterProperties {

    @Property(tries = 400)
    void slotsAdmitExactlyWhatTheModelAdmits(@ForAll(supplier = CounterScenario.AnyRun.class) CounterScenario.Run run) {
        playAgainstTheModel(SlidingWindowCounter::new, run);
    }

    @Property(tries = 400)
    void theLogAdmitsExactlyWhatTheModelAdmits(@ForAll(supplier = CounterScenario.AnyRun.class) CounterScenario.Run run) {
        playAgainstTheModel(SlidingLogCounter::new, run);
    }

    @Property(tries = 300)
    void inTimeOrderNoIntervalOfTheWindowsLengthHoldsMoreThanMaxInTheSlots(
            @ForAll(supplier = CounterScenario.InOrderRun.class) CounterScenario.Run run) {
        checkEveryBusiestInterval(SlidingWindowCounter::new, run);
    }

    @Property(tries = 300)
    void inTimeOrderNoIntervalOfTheWindowsLengthHoldsMoreThanMaxInTheLog(
            @ForAll(supplier = CounterScenario.InOrderRun.class) CounterScenario.Run run) {
        checkEveryBusiestInterval(SlidingLogCounter::new, run);
    }

    private static void playAgainstTheModel(Function<CounterSpec, RateCounter> sliding, CounterScenario.Run run) {
        CounterScenario.play(sliding.apply(run.spec(Algorithm.SLIDING)), new SlidingWindowModel(run.max(), run.window()),
                run, false);
    }

    private static void checkEveryBusiestInterval(Function<CounterSpec, RateCounter> sliding, CounterScenario.Run run) {
        List<CounterScenario.Admitted> admitted = CounterScenario.play(sliding.apply(run.spec(Algorithm.SLIDING)),
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
