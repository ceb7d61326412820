package dev.portcullis.testkit.coverage;

/** Tool-name globs as policies write them: {@code *} matches any run of characters, nothing else is special. */
final class Globs {

    private Globs() {
    }

    static boolean matches(String glob, String text) {
        int star = glob.indexOf('*');
        if (star < 0) {
            return glob.equals(text);
        }
        if (!text.startsWith(glob.substring(0, star))) {
            return false;
        }
        int position = star;
        int at = star;
        while (true) {
            int nextStar = glob.indexOf('*', position + 1);
            String literal = nextStar < 0 ? glob.substring(position + 1) : glob.substring(position + 1, nextStar);
            if (nextStar < 0) {
                return text.length() - at >= literal.length() && text.endsWith(literal);
            }
            int found = text.indexOf(literal, at);
            if (found < 0) {
                return false;
            }
            at = found + literal.length();
            position = nextStar;
        }
    }
}
