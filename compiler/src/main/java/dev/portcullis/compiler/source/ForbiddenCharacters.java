package dev.portcullis.compiler.source;

import java.util.Locale;

/**
 * Characters a policy must not contain, anywhere: C0 and C1 control characters other than tab,
 * line feed and carriage return, DEL, unpaired surrogates, and the bidirectional overrides that
 * make text display differently from what it says ("Trojan Source"). A policy is read by people
 * in reviews and its strings end up in logs and terminals, so what it shows must be what it is.
 */
public final class ForbiddenCharacters {

    private ForbiddenCharacters() {
    }

    /** The index of the first forbidden character in {@code text}, or -1. */
    public static int indexOfFirst(CharSequence text) {
        return indexOfFirst(text, 0);
    }

    /** The index of the first forbidden character in {@code text} at or after {@code from}, or -1. */
    public static int indexOfFirst(CharSequence text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return i;
            }
            if (isForbidden(c)) {
                return i;
            }
        }
        return -1;
    }

    /** {@code U+0007} style name of the character at {@code index}. */
    public static String describe(CharSequence text, int index) {
        return String.format(Locale.ROOT, "U+%04X", (int) text.charAt(index));
    }

    private static boolean isForbidden(char c) {
        if (c < 0x20) {
            return c != '\t' && c != '\n' && c != '\r';
        }
        return (c >= 0x7F && c <= 0x9F)
                || Character.isLowSurrogate(c)
                || (c >= 0x202A && c <= 0x202E)
                || (c >= 0x2066 && c <= 0x2069);
    }
}
