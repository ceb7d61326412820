package dev.portcullis.compiler.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden messages for the mistakes people make: the exact text a user sees, with the source line
 * and the caret. A change to any of these is a change to the user experience, made on purpose.
 */
class DslErrorMessagesTest {

    static Stream<Arguments> typicalMistakes() {
        return Stream.of(
                Arguments.of("a misspelled keyword in a block", "tool list_patients { alow }", """
                        test.policy:1:22: error PC100: expected 'allow', 'deny', 'require', 'limit', 'rule' or '}', found 'alow'; did you mean 'allow'?
                        tool list_patients { alow }
                                             ^
                        """),
                Arguments.of("a misspelled statement", "tol list_patients {}", """
                        test.policy:1:1: error PC100: expected 'policy', 'description', 'default', 'hide', 'include', 'counter', 'tool' or 'all tools', found 'tol'; did you mean 'tool'?
                        tol list_patients {}
                        ^
                        """),
                Arguments.of("= for ==", "tool a { require args.x = 1 }", """
                        test.policy:1:25: error PC100: expected an operator (==, !=, <, <=, >, >=, in, not in, matches, startsWith, endsWith, contains, exists) or '.', found '='; did you mean '=='?
                        tool a { require args.x = 1 }
                                                ^
                        """),
                Arguments.of("a misspelled window", "counter c = 10 per minit", """
                        test.policy:1:20: error PC100: expected a window ('second', 'minute', 'hour', 'day' or a duration like 90s), found 'minit'; did you mean 'minute'?
                        counter c = 10 per minit
                                           ^
                        """),
                Arguments.of("a misspelled scope", "tool a { limit 5 per minute per sesion }", """
                        test.policy:1:33: error PC100: expected 'grant', 'session', 'agent', 'global' or 'args.' (an argument path), found 'sesion'; did you mean 'session'?
                        tool a { limit 5 per minute per sesion }
                                                        ^
                        """),
                Arguments.of("an operator in the wrong case", "tool a { require args.x startswith \"a\" }", """
                        test.policy:1:25: error PC100: expected an operator (==, !=, <, <=, >, >=, in, not in, matches, startsWith, endsWith, contains, exists) or '.', found 'startswith'; did you mean 'startsWith'?
                        tool a { require args.x startswith "a" }
                                                ^
                        """),
                Arguments.of("single quotes", "tool a { deny 'no' }", """
                        test.policy:1:15: error PC100: expected 'allow', 'deny', 'require', 'limit', 'rule' or '}', found a single quote (strings are written in double quotes)
                        tool a { deny 'no' }
                                      ^
                        """),
                Arguments.of("an unterminated string", "tool a { require args.x == \"open }", """
                        test.policy:1:28: error PC100: unterminated string: close it with '"' before the end of the line
                        tool a { require args.x == "open }
                                                   ^
                        """),
                Arguments.of("a missing closing brace", "tool a {\n  allow\n", """
                        test.policy:2:8: error PC100: expected 'allow', 'deny', 'require', 'limit', 'rule' or '}', found the end of the file
                          allow
                               ^
                        """),
                Arguments.of("&& for and", "tool a { require args.x == 1 && args.y == 2 }", """
                        test.policy:1:30: error PC100: expected 'allow', 'deny', 'require', 'else', 'limit', 'rule', 'and', 'or' or '}', found the character '&' (write 'and')
                        tool a { require args.x == 1 && args.y == 2 }
                                                     ^
                        """),
                Arguments.of("a tool without a name", "tool { allow }", """
                        test.policy:1:6: error PC100: expected a tool name, found '{'
                        tool { allow }
                             ^
                        """),
                Arguments.of("an unclosed parenthesis", "tool a { require (args.x == 1 }", """
                        test.policy:1:31: error PC100: expected 'and', 'or' or ')', found '}'
                        tool a { require (args.x == 1 }
                                                      ^
                        """),
                Arguments.of("a misspelled counter", "tool a { limit exprots }\ncounter exports = 1 per minute", """
                        test.policy:1:16: error PC103: no counter named 'exprots' is declared; did you mean 'exports'?
                        tool a { limit exprots }
                                       ^
                        """),
                Arguments.of("a counter never declared", "tool a { limit exports }", """
                        test.policy:1:16: error PC103: no counter named 'exports' is declared; declare it with 'counter exports = 10 per minute'
                        tool a { limit exports }
                                       ^
                        """),
                Arguments.of("a tool declared twice", "tool a {}\ntool a { deny }", """
                        test.policy:2:6: error PC105: tool 'a' is already declared at test.policy:1:6
                        tool a { deny }
                             ^
                        """),
                Arguments.of("a counter declared twice", "counter c = 1 per minute\ncounter c = 2 per minute", """
                        test.policy:2:9: error PC104: counter 'c' is already declared at test.policy:1:9
                        counter c = 2 per minute
                                ^
                        """),
                Arguments.of("two actions", "tool a { allow deny }", """
                        test.policy:1:16: error PC106: this tool's action ('allow') is already given at test.policy:1:10
                        tool a { allow deny }
                                       ^
                        """),
                Arguments.of("a bad regex", "tool a { require args.x matches \"(\" }", """
                        test.policy:1:33: error PC023: invalid regex "(": missing closing ): `(`
                        tool a { require args.x matches "(" }
                                                        ^
                        """),
                Arguments.of("zero limits", "counter c = 0 per 0s", """
                        test.policy:1:13: error PC108: the most calls a limit admits must be a positive whole number, not 0
                        counter c = 0 per 0s
                                    ^
                        test.policy:1:19: error PC109: invalid window '0s': a window lasts at least 1s
                        counter c = 0 per 0s
                                          ^
                        """),
                Arguments.of("a misspelled tool in a state path",
                        "tool a { require state.delet_file.calls < 5 }\ntool delete_file { limit calls = 5 per minute }", """
                        test.policy:1:18: error PC117: 'state.delet_file.calls' names no counter of this policy; there is no tool 'delet_file': did you mean 'delete_file'?
                        tool a { require state.delet_file.calls < 5 }
                                         ^
                        """),
                Arguments.of("a condition on a counter the policy defines",
                        "counter calls = 5 per minute\ntool delete_file {\n  require state.calls < 5\n}", """
                        test.policy:3:11: error PC122: a condition cannot read counter 'calls' (state.calls): a counter limits calls where a limit charges it; write 'limit calls' in this tool and its max applies
                          require state.calls < 5
                                  ^
                        """),
                Arguments.of("an unnamed limit sharing a counter by accident", "tool a {\n  limit 5 per minute\n  limit c = 1 per minute\n}\ncounter c = 2 per hour", """
                        test.policy:3:9: error PC114: counter 'c' is declared at test.policy:5:9; write 'limit c' to use it, or pick another name
                          limit c = 1 per minute
                                ^
                        """));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("typicalMistakes")
    void rendersAFixableMessage(String mistake, String source, String expected) {
        assertThat(Dsl.errors(source)).isEqualTo(expected);
    }

    @Test
    void oneRunReportsEveryError() {
        String source = """
                policy "many mistakes"
                tool a { alow }
                counter c = 10 per minit
                tool b { require args.x = 1 }
                tol d {}
                tool e { deny "x" "y" }
                tool f { allow }
                """;
        assertThat(Dsl.read(source).result().diagnostics()).extracting(d -> d.position().line())
                .containsExactly(2, 3, 4, 5, 6);
    }

    @Test
    void aMissingBraceDoesNotHideTheNextTool() {
        String source = """
                tool a {
                  allow
                tool b { alow }
                """;
        assertThat(Dsl.messages(Dsl.read(source))).containsExactly(
                "test.policy:3:1: error PC100: expected 'allow', 'deny', 'require', 'limit', 'rule' or '}', found 'tool'",
                "test.policy:3:10: error PC100: expected 'allow', 'deny', 'require', 'limit', 'rule' or '}', found 'alow'; "
                        + "did you mean 'allow'?");
    }
}
