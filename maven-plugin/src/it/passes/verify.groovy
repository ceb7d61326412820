// Two policies, each transcript replayed against the one it selects; quiet on success; the second build is incremental.
def log = new File(basedir, 'build.log').text
def reports = new File(basedir, 'target/portcullis-reports')

assert log.contains('Transcripts run: 2, Failures: 0, Errors: 0')
assert log.contains('Policies and transcripts unchanged since the last successful run: 2 transcripts not replayed again')
assert !log.contains('[WARNING]') : 'a clean build prints no warnings'
assert !log.contains('[ERROR]')
assert log.contains('portcullis:test')  // the help goal

assert new File(reports, 'portcullis-report.json').isFile()
assert new File(reports, 'portcullis-report.html').isFile()
def junit = reports.listFiles().findAll { it.name.startsWith('TEST-portcullis') && it.name.endsWith('.xml') }
assert junit.size() >= 2 : "one JUnit XML file per transcript, found ${junit*.name}"
def json = new groovy.json.JsonSlurper().parse(new File(reports, 'portcullis-report.json'))
assert json.toString().contains('readers') && json.toString().contains('exports')
