package dev.portcullis.cli;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** JSON output of the commands: one line, keys sorted, so it diffs and pipes well. */
final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private Json() {
    }

    static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    /** {@code {"code":"PC017","column":14,"file":"x.json","line":3,"message":"...","severity":"error"}} */
    static Map<String, Object> diagnostic(Diagnostic diagnostic) {
        Map<String, Object> json = new TreeMap<>();
        json.put("code", diagnostic.code().id());
        json.put("column", diagnostic.position().column());
        json.put("file", diagnostic.position().file());
        json.put("line", diagnostic.position().line());
        json.put("message", diagnostic.message());
        json.put("severity", diagnostic.severity().label());
        return json;
    }
}
