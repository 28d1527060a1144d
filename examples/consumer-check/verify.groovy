// Invoker post-build hook: the consumer's build passed its test (the invoker checked that); here,
// that it resolved cleanly. kwik 0.10.9's POM asks for agent15 3.2, which Maven Central does not
// have: Maven warns and Gradle (highest version wins) fails. Our exclusion must keep it out.
def log = new File(basedir, 'build.log').getText('UTF-8')
def repo = new File(localRepositoryPath.toString())
if (new File(repo, 'tech/kwik/agent15/3.2').exists()) {
    throw new IllegalStateException("agent15 3.2 was requested while resolving the consumer")
}
if (log.contains('agent15:pom:3.2') || log.contains('agent15:jar:3.2')) {
    throw new IllegalStateException("the consumer's build mentions agent15 3.2")
}
if (!log.contains('Tests run: 1, Failures: 0, Errors: 0')) {
    throw new IllegalStateException("the consumer's EchoBotTest did not run")
}
return true
