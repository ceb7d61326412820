// A policy with an unknown field: check fails the build with file:line:col and a code; no transcript is replayed.
def log = new File(basedir, 'build.log').text

assert log =~ /\[ERROR\] src\/main\/policies\/exports\.json:\d+:\d+: error PC0\d\d: /
assert log =~ /Failed to execute goal dev\.portcullis:portcullis-maven-plugin:[^:]+:check/
assert !log.contains('Transcripts run') : 'the build stops before the test goal'
