package dev.portcullis.runtime.eval;

/**
 * Tool-name globs: {@code *} matches any run of characters (including none); every other character
 * matches itself. Shared by the IR and compiled policies.
 */
public final class ToolGlobs {

    private ToolGlobs() {
    }

    /** Iterative wildcard matching with one backtrack point: linear space, no regex, no recursion, no allocation. */
    public static boolean matches(String pattern, String tool) {
        int p = 0;
        int t = 0;
        int starAt = -1;
        int retryFrom = 0;
        while (t < tool.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                starAt = p++;
                retryFrom = t;
            } else if (p < pattern.length() && pattern.charAt(p) == tool.charAt(t)) {
                p++;
                t++;
            } else if (starAt >= 0) {
                p = starAt + 1;
                t = ++retryFrom;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
