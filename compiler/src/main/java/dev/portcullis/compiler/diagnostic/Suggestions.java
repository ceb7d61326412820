package dev.portcullis.compiler.diagnostic;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean ...?" for near-miss names: field names, enum values, operators, keywords.
 *
 * <p>A candidate is suggested when it equals the input once case, {@code _} and {@code -} are
 * ignored ({@code denyIf} for {@code deny_if}), or when it is within a small edit distance
 * (optimal string alignment: insertions, deletions, substitutions and swaps of neighbours), the
 * allowance growing with the input's length so that short words are not matched to anything.
 * Failing that, a candidate that the input starts with ({@code equals} suggests {@code eq}) or
 * that starts with the input is suggested.
 */
public final class Suggestions {

    /** Longer inputs are not typos of a name; skipping them keeps hostile input cheap. */
    private static final int MAX_INPUT_LENGTH = 64;

    private Suggestions() {
    }

    /** The candidate closest to {@code input}, if one is close enough to be a likely typo. */
    public static Optional<String> closest(String input, Collection<String> candidates) {
        if (input == null || input.isEmpty() || input.length() > MAX_INPUT_LENGTH) {
            return Optional.empty();
        }
        String normalizedInput = normalize(input);
        String lowerInput = input.toLowerCase(Locale.ROOT);
        int allowance = allowance(input.length());
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            if (candidate.equals(input)) {
                return Optional.empty();
            }
            if (normalize(candidate).equals(normalizedInput)) {
                return Optional.of(candidate);
            }
            int distance = distance(lowerInput, candidate.toLowerCase(Locale.ROOT));
            if (distance <= allowance && distance < input.length() && distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best != null ? Optional.of(best) : longestPrefix(lowerInput, candidates);
    }

    /** {@code equals} suggests {@code eq}: a candidate the input starts with, or that starts with the input. */
    private static Optional<String> longestPrefix(String lowerInput, Collection<String> candidates) {
        String best = null;
        for (String candidate : candidates) {
            String lower = candidate.toLowerCase(Locale.ROOT);
            boolean related = (lower.length() >= 2 && lowerInput.startsWith(lower))
                    || (lowerInput.length() >= 3 && lower.startsWith(lowerInput));
            if (related && (best == null || candidate.length() > best.length())) {
                best = candidate;
            }
        }
        return Optional.ofNullable(best);
    }

    /** {@code " (did you mean 'x'?)"} for the closest candidate, or the empty string. */
    public static String didYouMean(String input, Collection<String> candidates) {
        return closest(input, candidates).map(c -> " (did you mean '" + c + "'?)").orElse("");
    }

    private static int allowance(int length) {
        if (length <= 3) {
            return 1;
        }
        return Math.min(3, 1 + length / 4);
    }

    private static String normalize(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '_' && c != '-' && c != ' ') {
                out.append(Character.toLowerCase(c));
            }
        }
        return out.toString();
    }

    /** Optimal string alignment distance; both strings are short (names), so O(n*m) is fine. */
    static int distance(String a, String b) {
        int n = a.length();
        int m = b.length();
        int[][] d = new int[n + 1][m + 1];
        for (int i = 0; i <= n; i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= m; j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int best = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    best = Math.min(best, d[i - 2][j - 2] + 1);
                }
                d[i][j] = best;
            }
        }
        return d[n][m];
    }
}
