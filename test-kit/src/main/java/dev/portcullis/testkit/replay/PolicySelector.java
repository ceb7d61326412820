package dev.portcullis.testkit.replay;

import dev.portcullis.testkit.transcript.TranscriptHeader;
import dev.portcullis.testkit.transcript.TranscriptSource;
import java.util.Objects;

/** Chooses the policy a transcript is replayed against. */
@FunctionalInterface
public interface PolicySelector {

    /**
     * The policy for this transcript.
     *
     * @throws PolicySelectionException when none fits; the transcript is then reported as an error
     */
    PolicyUnderTest select(TranscriptSource source, TranscriptHeader header);

    /** Every transcript against one policy (a {@code --policy} given on the command line); headers are not consulted. */
    static PolicySelector always(PolicyUnderTest policy) {
        Objects.requireNonNull(policy, "policy");
        return (source, header) -> policy;
    }
}
