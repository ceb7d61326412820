package dev.portcullis.compiler.interpret;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.compiler.testing.Canonical;
import dev.portcullis.runtime.ToolCall;
import org.junit.jupiter.api.Test;

/**
 * The schema forbids empty {@code all}/{@code any}, but the IR (built by the DSL or by hand, or from a
 * tree that skipped validation) can hold them, so their meaning is fixed: {@code all []} holds,
 * {@code any []} does not.
 */
class EmptyCombinationTest {

    private final PolicyInterpreter policy = Canonical.interpreter("""
            {"version": "1", "default": "deny", "tools": {
              "never_denied": {"deny_if": [{"any": []}]},
              "always_passes": {"require": [{"all": []}]},
              "never_passes": {"require": [{"any": []}]},
              "negated": {"require": [{"not": {"any": []}}]}}}
            """);

    private String ruleOf(String tool) {
        return policy.decide(ToolCall.of(tool, java.util.Map.of(), 0)).ruleId();
    }

    @Test
    void allOfNothingHoldsAndAnyOfNothingDoesNot() {
        assertThat(ruleOf("never_denied")).isEqualTo("tools.never_denied");
        assertThat(ruleOf("always_passes")).isEqualTo("tools.always_passes");
        assertThat(ruleOf("never_passes")).isEqualTo("tools.never_passes.require[0]");
        assertThat(ruleOf("negated")).isEqualTo("tools.negated");
    }
}
