// portcullis.skip skips every goal; skipTests skips replaying, not checking.
def log = new File(basedir, 'build.log').text

assert log.contains('Portcullis check skipped (portcullis.skip)')
assert log.contains('Portcullis test skipped (portcullis.skip)')
assert log.contains('Portcullis test skipped (skipTests)')
assert !log.contains('Transcripts run')
assert !new File(basedir, 'target/portcullis-reports').exists()
