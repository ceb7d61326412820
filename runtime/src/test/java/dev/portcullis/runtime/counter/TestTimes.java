package dev.portcullis.runtime.counter;

import java.time.Instant;

/** Readable instants for tests. */
final class TestTimes {

    static final long SECOND = 1_000;
    static final long MINUTE = 60 * SECOND;
    static final long HOUR = 60 * MINUTE;
    static final long DAY = 24 * HOUR;

    private TestTimes() {
    }

    /** Epoch milliseconds of an ISO-8601 UTC instant such as {@code 2026-03-01T10:15:59.999Z}. */
    static long utc(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    static CounterSpec spec(Algorithm algorithm, long max, long windowMillis) {
        return new CounterSpec("test." + algorithm.name().toLowerCase(java.util.Locale.ROOT), algorithm, max, windowMillis);
    }
}
