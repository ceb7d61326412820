package dev.portcullis.compiler.diagnostic;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean" for misspelled names: the candidate closest to what the user wrote, if it is close
 * enough to be a plausible typo (optimal string alignment distance, case-insensitive).
 */
public final class Suggestions {

    private Suggestions() {
    }

    /**
     * The candidate closest to {@code input}, when the edit distance is at most a third of the
     * longer word (at least 1); ties go to the alphabetically first candidate, so the answer is
     * deterministic. An exact match is not a suggestion.
     */
    public static Optional<String> closest(String input, Collection<String> candidates) {
        String wanted = input.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            if (candidate.equals(input)) {
                continue;
            }
            int allowed = Math.max(1, Math.max(candidate.length(), input.length()) / 3);
            int distance = distance(wanted, candidate.toLowerCase(Locale.ROOT), allowed);
            if (distance <= allowed && (distance < bestDistance
                    || distance == bestDistance && candidate.compareTo(best) < 0)) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Edit distance with adjacent transpositions; gives up early (returns limit + 1) past {@code limit}. */
    static int distance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) > limit) {
            return limit + 1;
        }
        int[] previousPrevious = new int[b.length() + 1];
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            int rowMinimum = current[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int value = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    value = Math.min(value, previousPrevious[j - 2] + 1);
                }
                current[j] = value;
                rowMinimum = Math.min(rowMinimum, value);
            }
            if (rowMinimum > limit) {
                return limit + 1;
            }
            int[] recycled = previousPrevious;
            previousPrevious = previous;
            previous = current;
            current = recycled;
        }
        return previous[b.length()];
    }
}
