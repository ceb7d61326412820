package dev.portcullis.testkit.report;

/**
 * Escaping for everything reports print: tool names, reasons and arguments come from transcripts and
 * policies, so they may hold markup, control characters or broken surrogates.
 */
public final class Markup {

    private Markup() {
    }

    /**
     * Text safe inside XML 1.0 and HTML, in element content and in quoted attributes: markup characters
     * become entities; characters XML forbids (controls, lone surrogates, U+FFFE/U+FFFF) become a
     * visible {@code \\uXXXX} so nothing is lost silently.
     */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> isAllowedInXml(text, i) ? null : unicodeEscape(c);
            };
            if (Character.isHighSurrogate(c) && replacement == null) {
                // a valid pair: keep both halves
                if (escaped != null) {
                    escaped.append(c).append(text.charAt(i + 1));
                }
                i++;
                continue;
            }
            if (replacement != null && escaped == null) {
                escaped = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (escaped != null) {
                if (replacement != null) {
                    escaped.append(replacement);
                } else {
                    escaped.append(c);
                }
            }
        }
        return escaped == null ? text : escaped.toString();
    }

    /**
     * The text with each lone surrogate (half of a UTF-16 pair, which no UTF-8 encoder or strict JSON parser
     * accepts) replaced by U+FFFD, for JSON reports.
     */
    public static String wellFormed(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
            boolean lone = !pair && Character.isSurrogate(c);
            if (lone && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                out.append(lone ? '\uFFFD' : c);
                if (pair) {
                    out.append(text.charAt(i + 1));
                }
            }
            if (pair) {
                i++;
            }
        }
        return out == null ? text : out.toString();
    }

    /** As {@link #escape}, and line breaks and tabs as character references, which attribute values would otherwise lose. */
    public static String escapeAttribute(String text) {
        String escaped = escape(text);
        if (escaped.indexOf('\n') < 0 && escaped.indexOf('\r') < 0 && escaped.indexOf('\t') < 0) {
            return escaped;
        }
        return escaped.replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;");
    }

    /**
     * Text safe to print on a terminal: control characters (which could move the cursor or recolour the
     * console) and lone surrogates become a visible {@code \\uXXXX}; tabs are kept.
     */
    public static String printable(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
            boolean unsafe = !pair && ((Character.isISOControl(c) && c != '\t') || Character.isSurrogate(c)
                    || c == '\u2028' || c == '\u2029');
            if (unsafe && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (unsafe) {
                    out.append(unicodeEscape(c));
                } else {
                    out.append(c);
                    if (pair) {
                        out.append(text.charAt(i + 1));
                    }
                }
            }
            if (pair) {
                i++;
            }
        }
        return out == null ? text : out.toString();
    }

    private static boolean isAllowedInXml(String text, int index) {
        char c = text.charAt(index);
        if (c == '\t' || c == '\n' || c == '\r') {
            return true;
        }
        if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) {
            return false;
        }
        if (Character.isHighSurrogate(c)) {
            return index + 1 < text.length() && Character.isLowSurrogate(text.charAt(index + 1));
        }
        return !Character.isLowSurrogate(c);
    }

    private static String unicodeEscape(char c) {
        return String.format(java.util.Locale.ROOT, "\\u%04X", (int) c);
    }
}
