package dev.portcullis.testkit.transcript;

import java.time.Instant;

/**
 * RFC 3339 date-times to epoch milliseconds and back. Parsing is hand-written because a replay reads
 * one timestamp per line and {@code java.time} parsers cost more than the rest of the line.
 *
 * <p>Accepted: {@code YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)}, with {@code t}, {@code z} or a
 * space as RFC 3339 permits. Fractions finer than a millisecond are truncated. A leap second
 * ({@code :60}) reads as the first second of the next minute, since epoch time has no leap seconds.
 */
public final class Timestamps {

    /** Returned by the parse methods for text that is not an RFC 3339 date-time. */
    public static final long INVALID = Long.MIN_VALUE;

    private static final int[] DAYS_IN_MONTH = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    private Timestamps() {
    }

    /** Epoch milliseconds of an RFC 3339 date-time, or {@link #INVALID}. */
    public static long parse(CharSequence text) {
        char[] chars = new char[text.length()];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = text.charAt(i);
        }
        return parse(chars, 0, chars.length);
    }

    /** Epoch milliseconds of the RFC 3339 date-time in {@code chars[offset, offset+length)}, or {@link #INVALID}. */
    public static long parse(char[] chars, int offset, int length) {
        if (length < 20) {
            return INVALID;
        }
        int p = offset;
        int end = offset + length;
        int year = digits(chars, p, 4);
        if (year < 0 || chars[p + 4] != '-') {
            return INVALID;
        }
        int month = digits(chars, p + 5, 2);
        if (month < 1 || month > 12 || chars[p + 7] != '-') {
            return INVALID;
        }
        int day = digits(chars, p + 8, 2);
        if (day < 1 || day > daysInMonth(year, month)) {
            return INVALID;
        }
        char separator = chars[p + 10];
        if (separator != 'T' && separator != 't' && separator != ' ') {
            return INVALID;
        }
        int hour = digits(chars, p + 11, 2);
        int minute = digits(chars, p + 14, 2);
        int second = digits(chars, p + 17, 2);
        if (hour < 0 || hour > 23 || chars[p + 13] != ':' || minute < 0 || minute > 59 || chars[p + 16] != ':'
                || second < 0 || second > 60) {
            return INVALID;
        }
        p += 19;
        int millis = 0;
        if (p < end && chars[p] == '.') {
            p++;
            int fractionStart = p;
            int scale = 100;
            while (p < end && chars[p] >= '0' && chars[p] <= '9') {
                millis += (chars[p] - '0') * scale;
                scale /= 10;
                p++;
            }
            if (p == fractionStart) {
                return INVALID;
            }
        }
        if (p >= end) {
            return INVALID;
        }
        int offsetSeconds;
        char zone = chars[p];
        if (zone == 'Z' || zone == 'z') {
            offsetSeconds = 0;
            p++;
        } else if ((zone == '+' || zone == '-') && end - p == 6 && chars[p + 3] == ':') {
            int offsetHours = digits(chars, p + 1, 2);
            int offsetMinutes = digits(chars, p + 4, 2);
            if (offsetHours < 0 || offsetHours > 23 || offsetMinutes < 0 || offsetMinutes > 59) {
                return INVALID;
            }
            offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (zone == '-' ? -1 : 1);
            p += 6;
        } else {
            return INVALID;
        }
        if (p != end) {
            return INVALID;
        }
        long epochDay = epochDay(year, month, day);
        long epochSecond = epochDay * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
        return epochSecond * 1000L + millis;
    }

    /** The RFC 3339 form of epoch milliseconds, in UTC ({@code 2026-11-26T10:00:00Z}). */
    public static String format(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }

    private static int digits(char[] chars, int at, int count) {
        int value = 0;
        for (int i = at; i < at + count; i++) {
            char c = chars[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static int daysInMonth(int year, int month) {
        if (month == 2 && isLeapYear(year)) {
            return 29;
        }
        return DAYS_IN_MONTH[month - 1];
    }

    private static boolean isLeapYear(int year) {
        return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (the civil-from-days inverse, in integers). */
    private static long epochDay(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long monthFromMarch = month > 2 ? month - 3 : month + 9;
        long dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }
}
