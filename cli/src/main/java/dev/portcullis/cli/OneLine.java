package dev.portcullis.cli;

/** Keeps a message on one line, so every problem on standard error is exactly one line. */
final class OneLine {

    private OneLine() {
    }

    /** Line breaks (and the blanks around them) become {@code "; "}; a trailing one is dropped. */
    static String of(String message) {
        if (message == null) {
            return "";
        }
        String trimmed = message.strip();
        if (trimmed.indexOf('\n') < 0 && trimmed.indexOf('\r') < 0) {
            return trimmed;
        }
        return String.join("; ", trimmed.lines().map(String::strip).filter(line -> !line.isEmpty()).toList());
    }
}
