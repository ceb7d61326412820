package dev.portcullis.runtime.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.runtime.Decision;
import dev.portcullis.runtime.counter.Algorithm;
import dev.portcullis.runtime.counter.Scope;
import dev.portcullis.runtime.eval.PolicyTables;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The precompiled descriptor round-trips every text exactly and refuses anything else clearly. */
class PolicyDescriptorTest {

    private static final String HOSTILE = "\"\\*/\u0000\ud800\n" + "é".repeat(70_000);

    static PolicyTables tables() {
        return new PolicyTables(HOSTILE, true, false, List.of("hidden", HOSTILE), List.of("read", HOSTILE),
                List.of("list_*"),
                List.of(new PolicyTables.Entry("tools.read", "Allowed", List.of(0)),
                        new PolicyTables.Entry("tools." + HOSTILE, HOSTILE, List.of()),
                        new PolicyTables.Entry("tools.list_*", "Allowed by glob", List.of(1, 0)),
                        new PolicyTables.Entry(null, null, List.of(1))),
                List.of(new PolicyTables.Counter(HOSTILE, Algorithm.TOKEN_BUCKET, 10, 60_000, Scope.SESSION,
                                List.of("a", HOSTILE), "10 per minute per session"),
                        new PolicyTables.Counter("c", Algorithm.SLIDING, 1, 1_000, Scope.GLOBAL, List.of(), "1 per second")),
                List.of(new PolicyTables.Limit(0, 2, List.of("n"), "args.n", HOSTILE),
                        new PolicyTables.Limit(1, 1, List.of(), "", null)),
                List.of(Decision.deny("r", HOSTILE), Decision.requireApproval(HOSTILE, "approve")),
                List.of("s", HOSTILE, new BigDecimal("-1.25E-400"), new BigDecimal("123456789012345678901234567890"),
                        true, List.of("a", List.of(BigDecimal.ONE, false), List.of())),
                List.of("^a+$", HOSTILE), List.of(List.of("a"), List.of("a", HOSTILE)));
    }

    @Test
    void everyTextRoundTripsExactly() throws IOException {
        PolicyDescriptor descriptor = new PolicyDescriptor("dev.portcullis.generated.Policy_1",
                Map.of("dev.portcullis.generated.Policy_1", PolicyDescriptor.sha256(new byte[] {1, 2, 3})), tables());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        descriptor.writeTo(out);
        PolicyDescriptor read = PolicyDescriptor.readFrom(new ByteArrayInputStream(out.toByteArray()), "test");
        assertThat(read.tables()).isEqualTo(descriptor.tables());
        assertThat(read.className()).isEqualTo(descriptor.className());
        assertThat(read.classFiles().get(read.className())).isEqualTo(PolicyDescriptor.sha256(new byte[] {1, 2, 3}));
    }

    @Test
    void refusesWhatIsNotADescriptorOfThisFormat() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PolicyDescriptor("P", Map.of("P", new byte[32]), tables()).writeTo(out);
        byte[] bytes = out.toByteArray();

        byte[] otherVersion = bytes.clone();
        otherVersion[7] = 9;
        assertThatThrownBy(() -> read(otherVersion)).isInstanceOf(PolicyLoadException.class)
                .hasMessageContaining("format 9").hasMessageContaining("recompile");
        byte[] firstFormat = bytes.clone();
        firstFormat[7] = 1; // written before generated classes implemented decide themselves
        assertThatThrownBy(() -> read(firstFormat)).isInstanceOf(PolicyLoadException.class)
                .hasMessageContaining("format 1; this runtime reads format 2").hasMessageContaining("recompile");
        assertThatThrownBy(() -> read(Arrays.copyOf(bytes, bytes.length - 3))).isInstanceOf(PolicyLoadException.class)
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> read(Arrays.copyOf(bytes, bytes.length + 1))).isInstanceOf(PolicyLoadException.class)
                .hasMessageContaining("corrupt");
        assertThatThrownBy(() -> read("PK\u0003\u0004 a zip".getBytes())).isInstanceOf(PolicyLoadException.class)
                .hasMessageContaining("not a Portcullis policy descriptor");
        byte[] hugeLength = bytes.clone();
        hugeLength[8] = 0x7f;
        assertThatThrownBy(() -> read(hugeLength)).isInstanceOf(PolicyLoadException.class).hasMessageContaining("corrupt");
    }

    private static PolicyDescriptor read(byte[] bytes) {
        return PolicyDescriptor.readFrom(new ByteArrayInputStream(bytes), "test");
    }
}
