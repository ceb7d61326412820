package dev.portcullis.compiler.source;

import java.util.ArrayList;
import java.util.List;

/**
 * JSON Pointers (RFC 6901) as the plain strings {@link SourceMap} keys on: {@code ""} is the root,
 * {@code /tools/a~1b/limits/0} is the first limit of the tool named {@code a/b}.
 */
public final class JsonPointers {

    private JsonPointers() {
    }

    /** The pointer to member {@code name} of the object at {@code parent}. */
    public static String child(String parent, String name) {
        return parent + "/" + escape(name);
    }

    /** The pointer to element {@code index} of the array at {@code parent}. */
    public static String child(String parent, int index) {
        return parent + "/" + index;
    }

    /** Escapes one reference token: {@code ~} becomes {@code ~0}, {@code /} becomes {@code ~1}. */
    public static String escape(String token) {
        if (token.indexOf('~') < 0 && token.indexOf('/') < 0) {
            return token;
        }
        return token.replace("~", "~0").replace("/", "~1");
    }

    /** The unescaped reference tokens of {@code pointer}, root first. */
    public static List<String> tokens(String pointer) {
        List<String> tokens = new ArrayList<>();
        if (pointer.isEmpty()) {
            return tokens;
        }
        int start = 1;
        while (start <= pointer.length()) {
            int slash = pointer.indexOf('/', start);
            int end = slash < 0 ? pointer.length() : slash;
            tokens.add(pointer.substring(start, end).replace("~1", "/").replace("~0", "~"));
            start = end + 1;
        }
        return tokens;
    }

    /**
     * A pointer as people read it in messages: {@code tools.create_issue.limits[0].max}. Tokens that
     * are not plain identifiers are quoted ({@code tools["a.b"]}); numeric tokens become indices.
     */
    public static String toDisplayPath(String pointer) {
        List<String> tokens = tokens(pointer);
        if (tokens.isEmpty()) {
            return "the policy";
        }
        StringBuilder out = new StringBuilder();
        for (String token : tokens) {
            if (isIndex(token) && out.length() > 0) {
                out.append('[').append(token).append(']');
            } else if (isPlainName(token)) {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(token);
            } else {
                out.append("[\"").append(token.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"]");
            }
        }
        return out.toString();
    }

    private static boolean isIndex(String token) {
        if (token.isEmpty() || token.length() > 9) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            if (token.charAt(i) < '0' || token.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isPlainName(String token) {
        if (token.isEmpty()) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '$')) {
                return false;
            }
        }
        return true;
    }
}
