package dev.portcullis.testkit.replay;

import dev.portcullis.testkit.policy.PolicyLoader;
import dev.portcullis.testkit.synthetic.SyntheticTranscript;
import dev.portcullis.testkit.transcript.TranscriptSource;
import java.nio.charset.StandardCharsets;

/**
 * TEST FIXTURE: the child process of {@link MillionLineReplayTest}. Replays a generated transcript of
 * {@code args[0]} lines, streamed and never written out, and prints the counts.
 */
public final class BoundedHeapReplay {

    private BoundedHeapReplay() {
    }

    public static void main(String[] args) {
        long lines = Long.parseLong(args[0]);
        PolicyUnderTest policy = PolicyLoader.standard()
                .load("synthetic.json", SyntheticTranscript.POLICY_JSON.getBytes(StandardCharsets.UTF_8)).policy().orElseThrow();
        TranscriptResult result = new ReplayEngine().replay(
                TranscriptSource.of("synthetic.jsonl", () -> new SyntheticTranscript(lines)), policy, ReplayListener.NONE);
        System.out.println("status=" + result.status().wireName() + " lines=" + result.counts().lines() + " calls=" + result.counts().calls()
                + " allowed=" + result.counts().allowed() + " released=" + result.counts().released()
                + " mismatches=" + result.mismatchCount() + " errors=" + result.errorCount());
    }
}
