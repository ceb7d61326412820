package dev.portcullis.compiler.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.compiler.testing.Canonical;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** A number written in the DSL becomes the node Jackson's JSON reader makes for the same text. */
class JsonNumbersProperties {

    @Property(tries = 2_000)
    void sameNodeAsJackson(@ForAll("literals") String literal) {
        assertThat(JsonNumbers.fromLiteral(literal)).isEqualTo(Canonical.tree(literal));
    }

    @Provide
    Arbitrary<String> literals() {
        return Arbitraries.oneOf(
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.bigIntegers().between(java.math.BigInteger.TEN.pow(19).negate(), java.math.BigInteger.TEN.pow(25))
                        .map(String::valueOf),
                Arbitraries.doubles().map(String::valueOf).filter(s -> !s.contains("Infinity") && !s.contains("NaN")),
                Arbitraries.of("0", "-0", "1e3", "1E-3", "-1.5e+10", "0.1", "123456789012345678901234567890"));
    }
}
