package dev.portcullis.maven;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Maven project in a temporary folder, and the goals configured as Maven would configure them from
 * their defaults; each goal gets a fresh {@link RecordingLog}.
 */
final class TestProject {

    static final String DATASTORE = "a1b2c3d4e5f60718293a4b5c6d7e8f90";

    /** The FHIR-export rule: exports to the PHI bucket only, at most 10 a minute per grant. */
    static final String EXPORTS_POLICY = """
            {
              "version": "1",
              "name": "exports",
              "default": "deny",
              "tools": {
                "start_fhir_export_job": {
                  "require": [
                    {"path": "args.output_data_config.s3_configuration.s3_uri", "op": "starts_with", "value": "s3://phi-exports/"}
                  ],
                  "limits": [
                    {"counter": "start_fhir_export_job_rate", "window": "minute", "max": 10, "scope": "grant"}
                  ]
                },
                "list_fhir_jobs": {}
              }
            }
            """;

    final Path basedir;
    RecordingLog log;

    TestProject(Path basedir) {
        this.basedir = basedir;
    }

    Path write(String relativePath, String content) throws IOException {
        Path file = basedir.resolve(relativePath);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    /** A shorthand export call at second {@code second} after 10:00, to {@code bucket}. */
    static String export(int second, String bucket, String expectation) {
        return "{\"ts\": \"2026-11-26T10:%02d:%02d.000Z\", \"grant\": \"ci-runner\", \"tool\": \"start_fhir_export_job\", \"arguments\": {\"datastore_id\": \"%s\", \"output_data_config\": {\"s3_configuration\": {\"s3_uri\": \"s3://%s/nightly/\"}}, \"data_access_role_arn\": \"arn:aws:iam::123456789012:role/HealthLakeExportRole\"}%s}"
                .formatted(second / 60, second % 60, DATASTORE, bucket, expectation.isEmpty() ? "" : ", " + expectation);
    }

    /** {@code count} exports to the PHI bucket, {@code spacing} seconds apart, none marked with an expectation. */
    static String exports(int count, int spacing) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lines.add(export(i * spacing, "phi-exports", ""));
        }
        return String.join("\n", lines) + "\n";
    }

    CheckMojo check() {
        CheckMojo mojo = new CheckMojo();
        configure(mojo);
        return mojo;
    }

    TestMojo test() {
        TestMojo mojo = new TestMojo();
        configure(mojo);
        mojo.transcriptDirectory = file("src/test/transcripts");
        mojo.reportsDirectory = file("target/portcullis-reports");
        mojo.engine = "interpreted";
        return mojo;
    }

    CompileMojo compile() {
        CompileMojo mojo = new CompileMojo();
        configure(mojo);
        mojo.outputDirectory = file("target/classes");
        return mojo;
    }

    File file(String relativePath) {
        return basedir.resolve(relativePath).toFile();
    }

    private void configure(AbstractPortcullisMojo mojo) {
        log = new RecordingLog();
        mojo.setLog(log);
        mojo.basedir = basedir.toFile();
        mojo.buildDirectory = file("target");
        mojo.policyDirectory = file("src/main/policies");
    }
}
