package dev.portcullis.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.runtime.ToolCall;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The call {@code explain} builds from its options has the types a replayed transcript gives. */
class CallBuilderTest {

    @Test
    void readsArgumentsAsTheTranscriptReaderDoes() {
        ToolCall call = CallBuilder.call("transfer", "{\"amount\": 5, \"big\": 12345678901234567890, \"rate\": 0.1,"
                + " \"tags\": [\"a\", null], \"meta\": {\"ok\": true}}", "g", null, "a", 42L);

        assertThat(call.tool()).isEqualTo("transfer");
        assertThat(call.grant()).isEqualTo("g");
        assertThat(call.session()).isNull();
        assertThat(call.agent()).isEqualTo("a");
        assertThat(call.timeMillis()).isEqualTo(42L);
        assertThat(call.arguments().get("amount")).isEqualTo(5);
        assertThat(call.arguments().get("big")).isEqualTo(new java.math.BigInteger("12345678901234567890"));
        assertThat(call.arguments().get("rate")).isEqualTo(0.1d);
        assertThat(call.arguments().get("tags")).isEqualTo(java.util.Arrays.asList("a", null));
        assertThat(call.arguments().get("meta")).isEqualTo(Map.of("ok", true));
    }

    @Test
    void cannotBeTrickedIntoAddingFieldsToTheLine() {
        // the arguments are parsed first, so text that closes the object early cannot add an expectation
        assertThatThrownBy(() -> CallBuilder.call("t", "{}, \"expect\": \"deny\"", null, null, null, 0))
                .isInstanceOf(CommandFailure.class).hasMessageStartingWith("--args is not valid JSON");
    }

    @Test
    void rejectsWhatIsNotAnObject() {
        for (String notAnObject : List.of("[]", "1", "\"x\"", "null", "")) {
            assertThatThrownBy(() -> CallBuilder.call("t", notAnObject, null, null, null, 0))
                    .isInstanceOf(CommandFailure.class)
                    .satisfies(failure -> assertThat(((CommandFailure) failure).exitCode()).isEqualTo(ExitCode.USAGE));
        }
    }

    @Test
    void readsTimesAsRfc3339OrEpochMilliseconds() {
        assertThat(CallBuilder.time("2026-11-26T10:00:41Z")).isEqualTo(1_795_687_241_000L);
        assertThat(CallBuilder.time("2026-11-26T11:00:41+01:00")).isEqualTo(1_795_687_241_000L);
        assertThat(CallBuilder.time("1795687241000")).isEqualTo(1_795_687_241_000L);
        for (String bad : List.of("yesterday", "2026-11-26", "-5", "99999999999999999999", "")) {
            assertThatThrownBy(() -> CallBuilder.time(bad)).isInstanceOf(CommandFailure.class);
        }
    }
}
