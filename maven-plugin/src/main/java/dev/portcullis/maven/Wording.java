package dev.portcullis.maven;

/** Counts in messages: {@code 1 transcript}, {@code 2 transcripts}, {@code 3 policies}. */
final class Wording {

    private Wording() {
    }

    /** {@code n} and the noun, with an {@code s} unless {@code n} is 1. */
    static String count(long n, String noun) {
        return count(n, noun, noun + "s");
    }

    static String count(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }
}
