package dev.portcullis.compiler.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.compiler.source.SourceMap;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Intercept YAML becomes the canonical tree of docs/canonical-format.md, every node mapped back to its YAML line. */
class InterceptTranslationTest {

    private static final String POLICY = String.join("\n",
            "version: \"1\"",                                      // 1
            "description: \"shop\"",                               // 2
            "default: deny",                                       // 3
            "hide: [admin_reset]",                                 // 4
            "tools:",                                              // 5
            "  create_charge:",                                    // 6
            "    rules:",                                          // 7
            "      - name: \"max charge\"",                        // 8
            "        conditions:",                                 // 9
            "          - path: args.amount",                       // 10
            "            op: lte",                                 // 11
            "            value: 50000",                            // 12
            "        on_deny: \"too much\"",                       // 13
            "      - name: \"daily spend\"",                       // 14
            "        conditions:",                                 // 15
            "          - path: args.currency",                     // 16
            "            op: in",                                  // 17
            "            value: [usd]",                            // 18
            "          - path: state.create_charge.spend",         // 19
            "            op: lt",                                  // 20
            "            value: 1000",                             // 21
            "        state:",                                      // 22
            "          counter: spend",                            // 23
            "          window: day",                               // 24
            "          increment_from: args.amount",               // 25
            "      - name: \"refunds\"",                           // 26
            "        conditions:",                                 // 27
            "          - path: state.create_charge.refunds",       // 28
            "            op: lte",                                 // 29
            "            value: 3",                                // 30
            "        state:",                                      // 31
            "          counter: refunds",                          // 32
            "          window: hour",                              // 33
            "          increment: 0",                              // 34
            "  delete_customer:",                                  // 35
            "    rules:",                                          // 36
            "      - name: never",                                 // 37
            "        action: deny",                                // 38
            "  list_products:",                                    // 39
            "    rules: []",                                       // 40
            "  \"*\":",                                            // 41
            "    rules:",                                          // 42
            "      - name: global",                                // 43
            "        rate_limit: 60/minute",                       // 44
            "");

    private static final String EXPECTED = "{"
            + "\"version\":\"1\",\"description\":\"shop\",\"default\":\"deny\",\"hide\":[\"admin_reset\"],"
            + "\"all_tools\":{\"rules\":[{\"name\":\"global\","
            + "  \"limits\":[{\"counter\":\"_global._rate_minute\",\"window\":\"minute\",\"max\":60,\"scope\":\"global\"}],"
            + "  \"on_deny\":\"Rate limit of 60 per minute reached. Try again later.\"}]},"
            + "\"tools\":{"
            + " \"create_charge\":{\"rules\":["
            + "  {\"name\":\"max charge\",\"on_deny\":\"too much\",\"conditions\":[{\"path\":\"args.amount\",\"op\":\"lte\",\"value\":50000}]},"
            + "  {\"name\":\"daily spend\",\"conditions\":[{\"path\":\"args.currency\",\"op\":\"in\",\"value\":[\"usd\"]}],"
            + "   \"limits\":[{\"counter\":\"create_charge.spend\",\"window\":\"day\",\"max\":999,\"scope\":\"global\",\"increment_from\":\"args.amount\"}]},"
            + "  {\"name\":\"refunds\",\"limits\":[{\"counter\":\"create_charge.refunds\",\"window\":\"hour\",\"max\":3,\"scope\":\"global\"}],"
            + "   \"on_deny\":\"Rate limit exceeded for refunds\"}]},"
            + " \"delete_customer\":{\"rules\":[{\"name\":\"never\",\"action\":\"deny\"}]},"
            + " \"list_products\":{}"
            + "}}";

    private final CanonicalDocument doc = new InterceptYamlFrontEnd()
            .read("shop.yaml", POLICY.getBytes(StandardCharsets.UTF_8)).document().orElseThrow();

    @Test
    void translatesToTheCanonicalTree() {
        JsonNode expected = JsonMapper.builder().build().readTree(EXPECTED);
        assertThat(doc.tree()).isEqualTo(expected);
        assertThat(doc.format()).isEqualTo("yaml");
        assertThat(doc.file()).isEqualTo("shop.yaml");
    }

    @Test
    void theTranslationIsValidCanonical() {
        assertThat(new CanonicalSchemaValidator().validate(doc)).isEmpty();
    }

    @Test
    void copiedNodesMapToTheirYamlLines() {
        SourceMap map = doc.sourceMap();
        assertThat(line(map, "/default")).isEqualTo(3);
        assertThat(line(map, "/hide/0")).isEqualTo(4);
        assertThat(line(map, "/tools/create_charge")).isEqualTo(6);
        assertThat(line(map, "/tools/create_charge/rules/0")).isEqualTo(8);
        assertThat(line(map, "/tools/create_charge/rules/0/conditions/0/value")).isEqualTo(12);
        assertThat(line(map, "/tools/create_charge/rules/0/on_deny")).isEqualTo(13);
        assertThat(line(map, "/tools/create_charge/rules/1/conditions/0/op")).isEqualTo(17);
        assertThat(line(map, "/tools/delete_customer/rules/0/action")).isEqualTo(38);
    }

    @Test
    void synthesizedLimitsMapToTheYamlTheyCameFrom() {
        SourceMap map = doc.sourceMap();
        String spend = "/tools/create_charge/rules/1/limits/0";
        assertThat(line(map, spend)).as("the state block").isEqualTo(22);
        assertThat(line(map, spend + "/counter")).isEqualTo(23);
        assertThat(line(map, spend + "/window")).isEqualTo(24);
        assertThat(line(map, spend + "/increment_from")).isEqualTo(25);
        assertThat(line(map, spend + "/max")).as("the bound of the state condition").isEqualTo(21);
        assertThat(line(map, spend + "/scope")).as("falls back to the state block").isEqualTo(22);
        assertThat(line(map, "/tools/create_charge/rules/2/on_deny")).isEqualTo(31);
        assertThat(line(map, "/all_tools")).as("the \"*\" tool").isEqualTo(41);
        assertThat(line(map, "/all_tools/rules/0/limits/0")).as("the rate_limit").isEqualTo(44);
        assertThat(line(map, "/all_tools/rules/0/limits/0/max")).isEqualTo(44);
        assertThat(line(map, "/all_tools/rules/0/on_deny")).isEqualTo(44);
        assertThat(map.positionOf("/all_tools/rules/0/limits/0/max").column()).isEqualTo(9);
    }

    @Test
    void positionsNameTheUsersFile() {
        assertThat(doc.sourceMap().positionOf("/tools/create_charge").file()).isEqualTo("shop.yaml");
    }

    private static int line(SourceMap map, String pointer) {
        return map.positionOf(pointer).line();
    }
}
