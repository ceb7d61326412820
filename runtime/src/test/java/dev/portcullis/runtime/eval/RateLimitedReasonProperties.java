package dev.portcullis.runtime.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.runtime.RateLimitDenial;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/**
 * The reason compiled policies join from a limit's pre-joined words is, word for word, the one
 * {@link DecisionTexts#rateLimited} writes (and the interpreter gives).
 */
class RateLimitedReasonProperties {

    @Property(tries = 2_000)
    void preJoinedWordsGiveTheSameReason(@ForAll("names") String counter, @ForAll("names") String budgetText,
                                         @ForAll @LongRange(min = 1, max = Long.MAX_VALUE) long max,
                                         @ForAll("onDeny") String onDeny,
                                         @ForAll @LongRange(min = 1, max = 1_000) long amount,
                                         @ForAll @LongRange(min = 0) long count,
                                         @ForAll("waits") long retryAfterMillis) {
        RateLimitDenial denial = new RateLimitDenial(counter, max, 60_000, count, retryAfterMillis);
        assertThat(DecisionTexts.rateLimitedReason(counter, budgetText, max, onDeny, amount).of(denial))
                .isEqualTo(DecisionTexts.rateLimited(counter, budgetText, max, onDeny, amount, denial));
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().ofMinLength(0).ofMaxLength(20);
    }

    @Provide
    Arbitrary<String> onDeny() {
        return Arbitraries.strings().ofMaxLength(20).injectNull(0.5);
    }

    @Provide
    Arbitrary<Long> waits() {
        return Arbitraries.oneOf(Arbitraries.longs().between(0, 10_000_000),
                Arbitraries.longs().between(0, 1_000).map(seconds -> seconds * 1_000),
                Arbitraries.just(RateLimitDenial.NEVER), Arbitraries.just(RateLimitDenial.NEVER - 1));
    }
}
