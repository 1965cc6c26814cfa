// What `dependency:tree` gave the core-only consumer: puregrad, Vavr (with vavr-match) and JSpecify, nothing else
def lines = new File(basedir, 'target/dependency-tree.txt').readLines().drop(1)
def artifacts = lines.collect { it.replaceAll(/^[\s|+\\`-]*/, '').split(':').take(2).join(':') }
def allowed = ['io.github.puregrad:puregrad', 'io.vavr:vavr', 'io.vavr:vavr-match', 'org.jspecify:jspecify']
assert !artifacts.isEmpty()
assert artifacts.every { it in allowed } : "unexpected in the tree: ${artifacts - allowed}"
assert artifacts.containsAll(allowed) : "missing from the tree: ${allowed - artifacts}"
