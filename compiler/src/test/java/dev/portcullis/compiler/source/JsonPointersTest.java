package dev.portcullis.compiler.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonPointersTest {

    @Test
    void escapesTildeBeforeSlash() {
        assertThat(JsonPointers.child("/tools", "a/b~c")).isEqualTo("/tools/a~1b~0c");
        assertThat(JsonPointers.escape("~1")).isEqualTo("~01");
        assertThat(JsonPointers.child("", 3)).isEqualTo("/3");
    }

    @Test
    void tokensUndoTheEscaping() {
        assertThat(JsonPointers.tokens("/tools/a~1b~0c/limits/0")).containsExactly("tools", "a/b~c", "limits", "0");
        assertThat(JsonPointers.tokens("/~01")).containsExactly("~1");
        assertThat(JsonPointers.tokens("")).isEmpty();
        assertThat(JsonPointers.tokens("/")).containsExactly("");
    }

    @Test
    void displayPathsReadLikeCode() {
        assertThat(JsonPointers.toDisplayPath("/tools/create_issue/limits/0/max")).isEqualTo("tools.create_issue.limits[0].max");
        assertThat(JsonPointers.toDisplayPath("/tools/a.b/rules")).isEqualTo("tools[\"a.b\"].rules");
        assertThat(JsonPointers.toDisplayPath("/tools/*")).isEqualTo("tools[\"*\"]");
        assertThat(JsonPointers.toDisplayPath("")).isEqualTo("the policy");
        assertThat(JsonPointers.toDisplayPath("/hide/2")).isEqualTo("hide[2]");
    }

    @Test
    void sourceMapFallsBackToTheNearestAncestor() {
        SourceMap map = new SourceMap("f.json");
        map.put("/tools/a~1b", new SourcePosition("f.json", 3, 5));
        assertThat(map.positionOf("/tools/a~1b/limits/0")).isEqualTo(new SourcePosition("f.json", 3, 5));
        assertThat(map.positionOf("/other")).isEqualTo(SourcePosition.ofFile("f.json"));
    }
}
