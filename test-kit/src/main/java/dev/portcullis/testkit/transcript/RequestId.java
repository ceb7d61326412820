package dev.portcullis.testkit.transcript;

import java.util.Objects;

/**
 * A JSON-RPC request id, which pairs a response with its request. JSON-RPC allows a string or a
 * number, and {@code 7} and {@code "7"} are different ids.
 *
 * @param text    the id as written (numbers in their JSON spelling)
 * @param numeric whether the id was a JSON number
 */
public record RequestId(String text, boolean numeric) {

    public RequestId {
        Objects.requireNonNull(text, "text");
    }

    public static RequestId ofNumber(String text) {
        return new RequestId(text, true);
    }

    public static RequestId ofString(String text) {
        return new RequestId(text, false);
    }

    @Override
    public String toString() {
        return numeric ? text : '"' + text + '"';
    }
}
