package dev.portcullis.testkit.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

    @ParameterizedTest
    @CsvSource({
            "2026-11-26T10:00:00Z, 2026-11-26T10:00:00Z",
            "2026-11-26T10:00:00.5Z, 2026-11-26T10:00:00.500Z",
            "2026-11-26T10:00:00.123456789Z, 2026-11-26T10:00:00.123Z",
            "2026-11-26t10:00:00z, 2026-11-26T10:00:00Z",
            "2026-11-26 10:00:00Z, 2026-11-26T10:00:00Z",
            "2026-11-26T12:30:00+02:30, 2026-11-26T10:00:00Z",
            "2026-11-26T05:00:00-05:00, 2026-11-26T10:00:00Z",
            "2024-02-29T00:00:00Z, 2024-02-29T00:00:00Z",
            "1969-12-31T23:59:59.999Z, 1969-12-31T23:59:59.999Z",
            "2016-12-31T23:59:60Z, 2017-01-01T00:00:00Z"
    })
    void parsesRfc3339(String text, String expected) {
        assertThat(Timestamps.parse(text)).isEqualTo(Instant.parse(expected).toEpochMilli());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2026-11-26", "2026-11-26T10:00:00", "2026-11-26T10:00Z", "2026-13-01T00:00:00Z",
            "2026-02-29T00:00:00Z", "2026-11-31T00:00:00Z", "2026-11-26T24:00:00Z", "2026-11-26T10:60:00Z",
            "2026-11-26T10:00:00.Z", "2026-11-26T10:00:00+0200", "2026-11-26T10:00:00+24:00", "2026-11-26T10:00:00Zjunk",
            "2026-11-26X10:00:00Z", "20261126T100000Z", "2026-11-26T10:00:00 Z", "yesterday at noon, roughly"})
    void rejectsWhatIsNotRfc3339(String text) {
        assertThat(Timestamps.parse(text)).isEqualTo(Timestamps.INVALID);
    }

    @Property
    void agreesWithJavaTime(@ForAll @LongRange(min = -2_000_000_000_000L, max = 32_000_000_000_000L) long millis,
                            @ForAll @IntRange(min = -18 * 60, max = 18 * 60) int offsetMinutes) {
        ZoneOffset offset = ZoneOffset.ofTotalSeconds(offsetMinutes * 60);
        String text = OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), offset)
                .format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxxx"));
        assertThat(Timestamps.parse(text)).isEqualTo(millis);
    }

    @Property
    void formatThenParseIsIdentity(@ForAll @LongRange(min = 0, max = 253_402_300_799_999L) long millis) {
        assertThat(Timestamps.parse(Timestamps.format(millis))).isEqualTo(millis);
    }
}
