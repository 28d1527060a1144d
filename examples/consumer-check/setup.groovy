// Invoker pre-build hook: makes this outside project exactly what the README shows.
// Every fenced block in README.md or docs/testing.md preceded by "<!-- consumer-check: PATH -->" is
// written to PATH in the cloned project (pom.xml, src/main/java/EchoBot.java, the testing guide's
// src/test/java/EchoBotTest.java). The README's chatwire.version is replaced by the version being
// built, so the check always runs against this build.
// Variables from the invoker: basedir (the cloned project), readme, testingGuide, chatwireVersion.
def text = new File(readme).getText('UTF-8') + '\n' + new File(testingGuide).getText('UTF-8')
// "<!-- consumer-check: into PATH -->" marks a fragment (statements): it replaces the lines between
// "// consumer-check: README begin" and "// consumer-check: README end" in PATH, with its wss:// URL
// literal replaced by the variable url.
def found = [] as Set
def into = ~/(?s)<!-- consumer-check: into (\S+) -->\s*```[a-z]*\n(.*?)```/
text.eachMatch(into) { all, path, body ->
    if (path.contains('..') || path.startsWith('/')) {
        throw new IllegalStateException("consumer-check path must stay inside the project: " + path)
    }
    def target = new File(basedir, path)
    def code = target.getText('UTF-8')
    def region = ~/(?s)(\n[ \t]*\/\/ consumer-check: README begin\n).*?(\n?[ \t]*\/\/ consumer-check: README end)/
    if (!(code =~ region).find()) {
        throw new IllegalStateException(path + " has no consumer-check README begin/end markers")
    }
    def fragment = body.replaceAll(/"wss:\/\/[^"]*"/, 'url').replace('\\', '\\\\').replace('$', '\\$')
    target.setText(code.replaceFirst(region, '$1' + fragment + '$2'), 'UTF-8')
    found << path
    println "consumer-check: the README's fragment put into " + path
}
def marker = ~/(?s)<!-- consumer-check: ([^\s>]+) -->\s*```[a-z]*\n(.*?)```/
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
    throw new IllegalStateException("README.md marks no echo bot (<!-- consumer-check: into src/main/java/EchoBot.java -->)")
}
return true
