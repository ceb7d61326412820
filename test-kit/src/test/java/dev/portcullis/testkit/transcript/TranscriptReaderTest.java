package dev.portcullis.testkit.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import dev.portcullis.runtime.Effect;
import dev.portcullis.testkit.transcript.TranscriptLine.BrokenLine;
import dev.portcullis.testkit.transcript.TranscriptLine.CallLine;
import dev.portcullis.testkit.transcript.TranscriptLine.OtherMessageLine;
import dev.portcullis.testkit.transcript.TranscriptLine.ResponseLine;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TranscriptReaderTest {

    @Test
    void readsTheHeaderAheadOfTheLines() throws IOException {
        try (TranscriptReader reader = open("""
                {"transcript": {"name": "Runaway agent", "description": "loops", "policy": "fhir-export"}}
                {"ts": 0, "tool": "list_datastores"}
                """)) {
            assertThat(reader.header()).isEqualTo(new TranscriptHeader("Runaway agent", "loops", "fhir-export"));
            assertThat(reader.next()).isInstanceOf(CallLine.class).extracting(TranscriptLine::line).isEqualTo(2);
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void aTranscriptWithoutHeaderStartsWithItsFirstLine() throws IOException {
        try (TranscriptReader reader = open("\n{\"ts\": 5, \"tool\": \"list_datastores\"}\n")) {
            assertThat(reader.header()).isEqualTo(TranscriptHeader.NONE);
            CallLine call = (CallLine) reader.next();
            assertThat(call.line()).isEqualTo(2);
            assertThat(call.timeMillis()).isEqualTo(5);
        }
    }

    @Test
    void readsAWireToolsCall() throws IOException {
        CallLine call = (CallLine) single("""
                {"ts":"2026-11-26T10:00:00.250Z","grant":"ci-runner","session":"s-1","agent":"exporter",\
                "message":{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"start_fhir_export_job",\
                "arguments":{"datastore_id":"abc","count":3,"ratio":0.5,"flags":[true,null],"nested":{"deep":"x"}}}},\
                "expect":"deny","expect_rule":"start_fhir_export_job_rate","expect_reason":"retry after \\\\d+ s"}""");
        assertThat(call.tool()).isEqualTo("start_fhir_export_job");
        assertThat(call.timeMillis()).isEqualTo(Instant.parse("2026-11-26T10:00:00.250Z").toEpochMilli());
        assertThat(call.grant()).isEqualTo("ci-runner");
        assertThat(call.session()).isEqualTo("s-1");
        assertThat(call.agent()).isEqualTo("exporter");
        assertThat(call.requestId()).isEqualTo(RequestId.ofNumber("7"));
        assertThat(call.arguments()).containsEntry("datastore_id", "abc").containsEntry("count", 3)
                .containsEntry("ratio", 0.5).containsEntry("nested", Map.of("deep", "x"));
        assertThat(call.arguments().get("flags")).isEqualTo(java.util.Arrays.asList(true, null));
        assertThat(call.expectation().effect()).isEqualTo(Effect.DENY);
        assertThat(call.expectation().explicit()).isTrue();
        assertThat(call.expectation().rule()).isEqualTo("start_fhir_export_job_rate");
        assertThat(call.expectation().reason().matcher("limit reached; retry after 48 s").find()).isTrue();
    }

    @Test
    void aShorthandLineIsACallWithoutRequestId() throws IOException {
        CallLine call = (CallLine) single("{\"ts\":1764151200000,\"tool\":\"list_fhir_jobs\",\"arguments\":{\"status\":\"COMPLETED\"},"
                + "\"expect\":\"require_approval\"}");
        assertThat(call.tool()).isEqualTo("list_fhir_jobs");
        assertThat(call.timeMillis()).isEqualTo(1_764_151_200_000L);
        assertThat(call.requestId()).isNull();
        assertThat(call.arguments()).isEqualTo(Map.of("status", "COMPLETED"));
        assertThat(call.expectation().effect()).isEqualTo(Effect.REQUIRE_APPROVAL);
    }

    @Test
    void withoutExpectACallIsExpectedToBeAllowed() throws IOException {
        CallLine call = (CallLine) single("{\"ts\":0,\"tool\":\"t\"}");
        assertThat(call.expectation()).isEqualTo(Expectation.IMPLICIT_ALLOW);
        assertThat(call.arguments()).isEmpty();
    }

    @Test
    void stringAndNumberIdsDiffer() throws IOException {
        CallLine call = (CallLine) single("{\"ts\":0,\"message\":{\"id\":\"7\",\"method\":\"tools/call\",\"params\":{\"name\":\"t\"}}}");
        assertThat(call.requestId()).isEqualTo(RequestId.ofString("7")).isNotEqualTo(RequestId.ofNumber("7"));
    }

    @Test
    void responsesTellWhetherTheUpstreamCallFailed() throws IOException {
        List<TranscriptLine> lines = all("""
                {"message":{"jsonrpc":"2.0","id":1,"result":{"content":[{"type":"text","text":"ok"}]}}}
                {"message":{"jsonrpc":"2.0","id":2,"result":{"content":[],"isError":true}}}
                {"ts":"2026-11-26T10:00:00Z","message":{"jsonrpc":"2.0","id":3,"error":{"code":-32603,"message":"boom"}}}
                {"message":{"jsonrpc":"2.0","id":4,"result":{"isError":false}}}
                """);
        assertThat(lines).containsExactly(
                new ResponseLine(1, RequestId.ofNumber("1"), false),
                new ResponseLine(2, RequestId.ofNumber("2"), true),
                new ResponseLine(3, RequestId.ofNumber("3"), true),
                new ResponseLine(4, RequestId.ofNumber("4"), false));
    }

    @Test
    void otherMessagesAreKeptAndNeedNoTimestamp() throws IOException {
        List<TranscriptLine> lines = all("""
                {"message":{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-06-18"}}}
                {"message":{"jsonrpc":"2.0","method":"notifications/initialized"}}
                {"ts":"2026-11-26T10:00:00Z","message":{"jsonrpc":"2.0","id":1,"method":"tools/list"}}
                """);
        assertThat(lines).containsExactly(new OtherMessageLine(1, "initialize"),
                new OtherMessageLine(2, "notifications/initialized"), new OtherMessageLine(3, "tools/list"));
    }

    @Test
    void unknownFieldsOtherThanExpectationsAreIgnored() throws IOException {
        assertThat(single("{\"ts\":0,\"tool\":\"t\",\"direction\":\"client->server\",\"server\":{\"name\":\"x\"}}"))
                .isInstanceOf(CallLine.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not JSON at all                  | {"ts": 0, "tool": "t"                                                   | PC301 | 1
            trailing garbage                 | {"ts": 0, "tool": "t"} x                                                | PC301 | 1
            two objects                      | {"ts": 0, "tool": "t"} {"ts": 0, "tool": "u"}                           | PC301 | 1
            array line                       | [1, 2]                                                                  | PC302 | 1
            string line                      | "hello"                                                                 | PC302 | 1
            call without ts                  | {"tool": "t"}                                                           | PC304 | 1
            wire call without ts             | {"message": {"id": 1, "method": "tools/call", "params": {"name": "t"}}} | PC304 | 1
            ts not a date                    | {"ts": "yesterday", "tool": "t"}                                        | PC305 | 1
            ts a float                       | {"ts": 1.5, "tool": "t"}                                                | PC305 | 1
            ts an object                     | {"ts": {}, "tool": "t"}                                                 | PC305 | 1
            ts on a response is checked      | {"ts": "soon", "message": {"id": 1, "result": {}}}                      | PC305 | 1
            tools/call without name          | {"ts": 0, "message": {"id": 1, "method": "tools/call", "params": {}}}   | PC307 | 1
            tools/call with numeric name     | {"ts": 0, "message": {"method": "tools/call", "params": {"name": 5}}}   | PC307 | 1
            tools/call without params        | {"ts": 0, "message": {"method": "tools/call"}}                          | PC307 | 1
            shorthand with empty tool        | {"ts": 0, "tool": ""}                                                   | PC307 | 1
            grant not a string               | {"ts": 0, "tool": "t", "grant": 42}                                     | PC308 | 1
            arguments not an object          | {"ts": 0, "tool": "t", "arguments": [1]}                                | PC308 | 1
            wire arguments not an object     | {"ts": 0, "message": {"method": "tools/call", "params": {"name": "t", "arguments": "x"}}} | PC308 | 1
            message not an object            | {"ts": 0, "message": "tools/call"}                                      | PC308 | 1
            batch message                    | {"ts": 0, "message": [{"method": "tools/call"}]}                        | PC308 | 1
            id an object                     | {"ts": 0, "message": {"id": {}, "method": "tools/call", "params": {"name": "t"}}} | PC308 | 1
            tool not a string                | {"ts": 0, "tool": ["t"]}                                                | PC308 | 1
            top-level arguments with message | {"ts": 0, "arguments": {}, "message": {"method": "tools/call", "params": {"name": "t"}}} | PC308 | 1
            expect unknown                   | {"ts": 0, "tool": "t", "expect": "maybe"}                               | PC309 | 1
            expect uppercase                 | {"ts": 0, "tool": "t", "expect": "DENY"}                                | PC309 | 1
            bad reason regex                 | {"ts": 0, "tool": "t", "expect": "deny", "expect_reason": "(unclosed"}  | PC310 | 1
            misspelt expectation             | {"ts": 0, "tool": "t", "expect_reasons": "x"}                           | PC311 | 1
            expectation on a response        | {"message": {"id": 1, "result": {}}, "expect": "deny"}                  | PC312 | 1
            expect_rule on tools/list        | {"message": {"id": 1, "method": "tools/list"}, "expect_rule": "r"}      | PC312 | 1
            message and tool                 | {"ts": 0, "tool": "t", "message": {"method": "tools/call", "params": {"name": "t"}}} | PC314 | 1
            nothing to replay                | {"ts": 0, "grant": "g"}                                                 | PC315 | 1
            message neither                  | {"ts": 0, "message": {"jsonrpc": "2.0", "id": 1}}                       | PC316 | 1
            header with a call               | {"transcript": {}, "tool": "t", "ts": 0}                                | PC308 | 1
            """)
    void reportsEachBrokenLineWithItsCodeAndLine(String why, String line, String code, int lineNumber) throws IOException {
        TranscriptLine read = single(line);
        assertThat(read).as(why).isInstanceOf(BrokenLine.class);
        BrokenLine broken = (BrokenLine) read;
        assertThat(broken.diagnostic().code().id()).as(why + ": " + broken.diagnostic()).isEqualTo(code);
        assertThat(broken.diagnostic().position().line()).isEqualTo(lineNumber);
        assertThat(broken.diagnostic().position().file()).isEqualTo("t.jsonl");
        assertThat(broken.diagnostic().toString()).startsWith("t.jsonl:" + lineNumber).contains("error " + code);
    }

    @Test
    void pointsAtTheColumnOfTheOffendingValue() throws IOException {
        BrokenLine broken = (BrokenLine) single("{\"ts\": 0, \"tool\": \"t\", \"expect\": \"maybe\"}");
        assertThat(broken.diagnostic().position().column()).isEqualTo(34);
        assertThat(broken.diagnostic().toString())
                .isEqualTo("t.jsonl:1:34: error PC309: 'expect' must be \"allow\", \"deny\" or \"require_approval\", found \"maybe\"");
    }

    /** Jackson's core message only: our file:line:col says where, and nothing of Jackson's location or configuration leaks. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unclosed object  | {"ts": 0, "tool": "t"                             | t.jsonl:1:22: error PC301: malformed JSON: Unexpected end-of-input: expected close marker for Object
            unclosed array   | {"ts": 0, "tool": "t", "arguments": {"a": [1, 2   | t.jsonl:1:48: error PC301: malformed JSON: Unexpected end-of-input: expected close marker for Array
            unclosed string  | {"ts": 0, "tool": "t                              | t.jsonl:1:21: error PC301: malformed JSON: Unexpected end-of-input in a string
            trailing comma   | {"ts": 0, "tool": "t",}                           | t.jsonl:1:23: error PC301: malformed JSON: Unexpected character ('}' (code 125)): was expecting double-quote to start property name
            bad literal      | {"ts": 0, "tool": tru}                            | t.jsonl:1:19: error PC301: malformed JSON: Unrecognized token 'tru': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')
            long number      | {"ts": 0, "tool": "t", "arguments": {"n": 12345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901}} | t.jsonl:1: error PC303: line rejected: Number value length (101) exceeds the maximum allowed (100)
            """)
    void jsonProblemsSayWhatJacksonFoundAndWhereOnOneLine(String why, String line, String expected) throws IOException {
        BrokenLine broken = (BrokenLine) single(line);
        assertThat(broken.diagnostic().toString()).as(why).isEqualTo(expected);
    }

    @Test
    void tooDeepNestingNamesTheLimitNotJacksonsSetting() throws IOException {
        BrokenLine broken = (BrokenLine) single("{\"ts\":0,\"tool\":\"t\",\"arguments\":{\"a\":" + "[".repeat(70) + "]".repeat(70) + "}}");
        assertThat(broken.diagnostic().message())
                .isEqualTo("line rejected: Document nesting depth (65) exceeds the maximum allowed (64)");
    }

    @Test
    void aBrokenLineDoesNotStopTheReader() throws IOException {
        List<TranscriptLine> lines = all("""
                {"ts": 0, "tool": "a"}
                {oops
                {"ts": 1, "tool": "b"}
                """);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).isInstanceOf(BrokenLine.class);
        assertThat(((CallLine) lines.get(2)).tool()).isEqualTo("b");
    }

    @Test
    void aHeaderAfterTheFirstLineIsAnError() throws IOException {
        List<TranscriptLine> lines = all("{\"ts\": 0, \"tool\": \"a\"}\n{\"transcript\": {\"name\": \"late\"}}\n");
        assertThat(((BrokenLine) lines.get(1)).diagnostic().code()).isEqualTo(DiagnosticCode.TRANSCRIPT_HEADER_NOT_FIRST);
    }

    @Test
    void deepNestingIsRejectedWithoutAStackOverflow() throws IOException {
        String deep = "{\"ts\":0,\"tool\":\"t\",\"arguments\":{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}}";
        BrokenLine broken = (BrokenLine) single(deep);
        assertThat(broken.diagnostic().code()).isEqualTo(DiagnosticCode.TRANSCRIPT_LINE_TOO_LARGE);
        assertThat(broken.diagnostic().message()).contains("depth");
    }

    @Test
    void aHugeLineIsSkippedUnreadAndTheNextLineIsRead() throws IOException {
        String huge = "{\"ts\":0,\"tool\":\"t\",\"arguments\":{\"blob\":\"" + "x".repeat(3 << 20) + "\"}}";
        List<TranscriptLine> lines = all(huge + "\n{\"ts\":1,\"tool\":\"after\"}\n");
        BrokenLine broken = (BrokenLine) lines.get(0);
        assertThat(broken.diagnostic().code()).isEqualTo(DiagnosticCode.TRANSCRIPT_LINE_TOO_LARGE);
        assertThat(broken.diagnostic().message()).contains("more than the 1048576 bytes allowed");
        assertThat(((CallLine) lines.get(1)).tool()).isEqualTo("after");
    }

    @Test
    void hugeNumbersAreRejected() throws IOException {
        BrokenLine broken = (BrokenLine) single("{\"ts\":0,\"tool\":\"t\",\"arguments\":{\"n\":" + "9".repeat(5000) + "}}");
        assertThat(broken.diagnostic().code()).isEqualTo(DiagnosticCode.TRANSCRIPT_LINE_TOO_LARGE);
    }

    @Test
    void invalidUtf8IsABrokenLineNotACrash() throws IOException {
        byte[] bytes = {'{', '"', 't', 's', '"', ':', '0', ',', '"', 't', 'o', 'o', 'l', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'};
        try (TranscriptReader reader = TranscriptReader.open(TranscriptSource.of("t.jsonl", () -> new java.io.ByteArrayInputStream(bytes)),
                TranscriptLimits.DEFAULT)) {
            assertThat(((BrokenLine) reader.next()).diagnostic().code()).isEqualTo(DiagnosticCode.TRANSCRIPT_MALFORMED_JSON);
        }
    }

    private static TranscriptReader open(String content) throws IOException {
        return TranscriptReader.open(TranscriptSource.ofString("t.jsonl", content), TranscriptLimits.DEFAULT);
    }

    private static TranscriptLine single(String line) throws IOException {
        List<TranscriptLine> lines = all(line + "\n");
        assertThat(lines).hasSize(1);
        return lines.get(0);
    }

    private static List<TranscriptLine> all(String content) throws IOException {
        List<TranscriptLine> lines = new ArrayList<>();
        try (TranscriptReader reader = open(content)) {
            for (TranscriptLine line = reader.next(); line != null; line = reader.next()) {
                lines.add(line);
            }
        }
        return lines;
    }
}
