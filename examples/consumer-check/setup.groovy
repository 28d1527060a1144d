// Invoker pre-build hook: makes this outside project exactly what the README shows.
// Every fenced block in README.md or docs/testing.md preceded by "<!-- consumer-check: PATH -->" is
// written to PATH in the cloned project (pom.xml, src/main/java/EchoBot.java, the testing guide's
// src/test/java/EchoBotTest.java). The README's chatwire.version is replaced by the version being
// built, so the check always runs against this build.
// Variables from the invoker: basedir (the cloned project), readme, testingGuide, chatwireVersion.
def text = new File(readme).getText('UTF-8') + '\n' + new File(testingGuide).getText('UTF-8')
def marker = ~/(?s)<!-- consumer-check: (\S+) -->\s*```[a-z]*\n(.*?)```/
def found = [] as Set
text.eachMatch(marker) { all, path, body ->
    if (path.contains('..') || path.startsWith('/')) {
        throw new IllegalStateException("consumer-check path must stay inside the project: " + path)
    }
    if (path == 'pom.xml') {
        def pinned = body =~ /<chatwire\.version>[^<]*<\/chatwire\.version>/
        if (!pinned.find()) {
            throw new IllegalStateException("the README's pom.xml has no <chatwire.version> property")
        }
        body = pinned.replaceFirst("<chatwire.version>" + chatwireVersion + "</chatwire.version>")
    }
    def target = new File(basedir, path)
    target.parentFile.mkdirs()
    target.setText(body, 'UTF-8')
    found << path
    println "consumer-check: " + path + " taken from the docs"
}
if (!found.contains('pom.xml')) {
    throw new IllegalStateException("README.md has no block marked <!-- consumer-check: pom.xml -->")
}
if (!found.any { it.endsWith('EchoBot.java') }) {
    println "consumer-check: README.md marks no EchoBot.java yet; using the mirrored src/main/java/EchoBot.java"
}
return true
