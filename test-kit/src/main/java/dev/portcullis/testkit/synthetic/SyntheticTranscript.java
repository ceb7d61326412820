package dev.portcullis.testkit.synthetic;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A generated, realistic transcript of any length, produced line by line and never held in memory:
 * for load tests of the replay engine and benchmarks. It cycles through four lines, 100 ms apart, with
 * the AWS HealthLake MCP server's tools and argument shapes:
 * <ol>
 *   <li>a {@code tools/call} of {@code start_fhir_export_job} to a PHI bucket, from one of 50 grants;</li>
 *   <li>its response (every 10th upstream call fails, which releases its reservation);</li>
 *   <li>a {@code tools/call} of {@code search_fhir_resources};</li>
 *   <li>its response.</li>
 * </ol>
 * Each grant exports three times a minute, well under a limit of 10 per minute per grant, so against
 * such a policy every call is allowed and the transcript passes.
 */
public final class SyntheticTranscript extends InputStream {

    /**
     * A PolicyLayer JSON policy the transcript complies with: exports only to the PHI bucket with an IAM
     * role, 10 per minute per grant; searches allowed; everything else denied.
     */
    public static final String POLICY_JSON = """
            {
              "version": "1",
              "name": "synthetic-healthlake",
              "default": "deny",
              "tools": {
                "start_fhir_export_job": {
                  "require": [
                    {"path": "args.output_data_config.s3_configuration.s3_uri", "op": "starts_with", "value": "s3://phi-exports/"},
                    {"path": "args.data_access_role_arn", "op": "regex", "value": "^arn:aws:iam::[0-9]{12}:role/"}
                  ],
                  "limits": [{"counter": "start_fhir_export_job_rate", "window": "minute", "max": 10, "scope": "grant"}]
                },
                "search_fhir_resources": {},
                "delete_fhir_resource": {"action": "deny", "reason": "agents may not delete clinical records"}
              }
            }
            """;

    private static final long START_MILLIS = Instant.parse("2026-11-26T00:00:00Z").toEpochMilli();
    private static final long STEP_MILLIS = 100;
    private static final int GRANTS = 50;

    private final long lines;
    private long produced;
    private byte[] current = new byte[0];
    private int position;

    /** A transcript of {@code lines} lines. */
    public SyntheticTranscript(long lines) {
        if (lines < 0) {
            throw new IllegalArgumentException("lines must not be negative: " + lines);
        }
        this.lines = lines;
    }

    /** Writes a transcript of {@code lines} lines to {@code file}. */
    public static void write(Path file, long lines) throws IOException {
        try (InputStream in = new SyntheticTranscript(lines); OutputStream out = Files.newOutputStream(file)) {
            in.transferTo(out);
        }
    }

    /** The text of line {@code index} (0-based), without its newline. */
    public static String line(long index) {
        long cycle = index / 4;
        String ts = Instant.ofEpochMilli(START_MILLIS + index * STEP_MILLIS).toString();
        long exportId = cycle * 2;
        long searchId = cycle * 2 + 1;
        return switch ((int) (index % 4)) {
            case 0 -> "{\"ts\":\"" + ts + "\",\"grant\":\"grant-" + cycle % GRANTS + "\",\"session\":\"s-" + cycle % 7
                    + "\",\"agent\":\"exporter\",\"message\":{\"jsonrpc\":\"2.0\",\"id\":" + exportId
                    + ",\"method\":\"tools/call\",\"params\":{\"name\":\"start_fhir_export_job\",\"arguments\":{"
                    + "\"datastore_id\":\"a1b2c3d4e5f60718293a4b5c6d7e8f90\",\"output_data_config\":{\"s3_configuration\":"
                    + "{\"s3_uri\":\"s3://phi-exports/nightly/" + cycle + "/\",\"kms_key_id\":\"arn:aws:kms:us-east-1:123456789012:key/1234abcd\"}},"
                    + "\"data_access_role_arn\":\"arn:aws:iam::123456789012:role/HealthLakeExportRole\",\"job_name\":\"export-" + cycle + "\"}}}}";
            case 1 -> "{\"ts\":\"" + ts + "\",\"message\":{\"jsonrpc\":\"2.0\",\"id\":" + exportId + ",\"result\":{\"content\":"
                    + "[{\"type\":\"text\",\"text\":\"job submitted\"}],\"isError\":" + (cycle % 10 == 9) + "}}}";
            case 2 -> "{\"ts\":\"" + ts + "\",\"grant\":\"grant-" + cycle % GRANTS + "\",\"message\":{\"jsonrpc\":\"2.0\",\"id\":" + searchId
                    + ",\"method\":\"tools/call\",\"params\":{\"name\":\"search_fhir_resources\",\"arguments\":{"
                    + "\"datastore_id\":\"a1b2c3d4e5f60718293a4b5c6d7e8f90\",\"resource_type\":\"Patient\","
                    + "\"search_params\":{\"family\":\"Smith\"},\"count\":20}}}}";
            default -> "{\"ts\":\"" + ts + "\",\"message\":{\"jsonrpc\":\"2.0\",\"id\":" + searchId + ",\"result\":{\"content\":"
                    + "[{\"type\":\"text\",\"text\":\"3 patients\"}],\"isError\":false}}}";
        };
    }

    @Override
    public int read() {
        if (!fill()) {
            return -1;
        }
        return current[position++] & 0xFF;
    }

    @Override
    public int read(byte[] target, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        int copied = 0;
        while (copied < length && fill()) {
            int chunk = Math.min(length - copied, current.length - position);
            System.arraycopy(current, position, target, offset + copied, chunk);
            position += chunk;
            copied += chunk;
        }
        return copied == 0 ? -1 : copied;
    }

    private boolean fill() {
        if (position < current.length) {
            return true;
        }
        if (produced == lines) {
            return false;
        }
        current = (line(produced++) + "\n").getBytes(StandardCharsets.UTF_8);
        position = 0;
        return true;
    }
}
