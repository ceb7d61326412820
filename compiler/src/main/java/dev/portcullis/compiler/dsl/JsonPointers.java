package dev.portcullis.compiler.dsl;

/** Builds JSON Pointers (RFC 6901) for the source map, one step at a time. */
final class JsonPointers {

    private JsonPointers() {
    }

    static String child(String parent, String key) {
        return parent + "/" + key.replace("~", "~0").replace("/", "~1");
    }

    static String index(String parent, int index) {
        return parent + "/" + index;
    }
}
