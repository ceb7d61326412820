package dev.portcullis.runtime.counter;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class FixedWindowCounterProperties {

    @Property(tries = 400)
    void admitsExactlyWhatTheModelAdmits(@ForAll(supplier = CounterScenario.AnyRun.class) CounterScenario.Run run) {
        CounterScenario.play(new FixedWindowCounter(run.spec(Algorithm.FIXED)), new FixedWindowModel(run.max(), run.window()),
                run, false);
    }

    @Property(tries = 300)
    void inTimeOrderNoWindowEverHoldsMoreThanMax(@ForAll(supplier = CounterScenario.InOrderRun.class) CounterScenario.Run run) {
        List<CounterScenario.Admitted> admitted = CounterScenario.play(new FixedWindowCounter(run.spec(Algorithm.FIXED)),
                new FixedWindowModel(run.max(), run.window()), run.withoutReleases(), true);

        Map<String, Long> perKeyAndWindow = admitted.stream().collect(Collectors.groupingBy(
                call -> call.key() + "@" + Math.floorDiv(call.atMillis(), run.window()),
                Collectors.summingLong(CounterScenario.Admitted::amount)));
        assertThat(perKeyAndWindow.values()).allSatisfy(sum -> assertThat(sum).isLessThanOrEqualTo(run.max()));
    }
}
