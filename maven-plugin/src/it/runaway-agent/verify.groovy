// The eleventh export within a minute breaks the limit: the build fails, naming file, line, tool and counter.
def log = new File(basedir, 'build.log').text

assert log.contains('Transcripts run: 1, Failures: 1, Errors: 0')
assert log.contains('runaway-agent.jsonl:12 start_fhir_export_job expected ALLOW but was DENY') : 'the mismatch names file:line and tool'
assert log =~ /runaway-agent\.jsonl:12 start_fhir_export_job expected ALLOW but was DENY: .*start_fhir_export_job_rate/ : 'and the counter'
assert log =~ /\[ERROR\] Failed to execute goal dev\.portcullis:portcullis-maven-plugin:[^:]+:test .*runaway-agent\.jsonl:12/
assert new File(basedir, 'target/portcullis-reports/portcullis-report.json').isFile() : 'reports are written when the build fails too'
