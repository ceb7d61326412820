package dev.portcullis.runtime.counter;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketCounterProperties {

    @Property(tries = 400)
    void inTimeOrderAdmitsExactlyWhatTheTextbookBucketAdmits(
            @ForAll(supplier = CounterScenario.InOrderRun.class) CounterScenario.Run run) {
        CounterScenario.play(new TokenBucketCounter(run.spec(Algorithm.TOKEN_BUCKET)), new TokenBucketModel(run.max(), run.window()),
                run, true);
    }

    @Property(tries = 400)
    void inAnyOrderAdmitsExactlyWhatUnboundedGcraAdmits(@ForAll(supplier = CounterScenario.AnyRun.class) CounterScenario.Run run) {
        CounterScenario.play(new TokenBucketCounter(run.spec(Algorithm.TOKEN_BUCKET)), new GcraModel(run.max(), run.window()),
                run, false);
    }

    @Property(tries = 300)
    void inTimeOrderNoIntervalAdmitsMoreThanAFullBucketPlusItsRefill(
            @ForAll(supplier = CounterScenario.InOrderRun.class) CounterScenario.Run run) {
        List<CounterScenario.Admitted> admitted = CounterScenario.play(new TokenBucketCounter(run.spec(Algorithm.TOKEN_BUCKET)),
                new TokenBucketModel(run.max(), run.window()), run.withoutReleases(), true);

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
                long refill = (last.atMillis() - first.atMillis()) * run.max() / run.window();
                assertThat(sum).as("admitted from %s to %s", first, last).isLessThanOrEqualTo(run.max() + refill);
            }
        }
    }
}
