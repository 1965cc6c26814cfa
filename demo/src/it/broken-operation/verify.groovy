// A failing @ExprSource case, as a Maven user sees it in the build's output: the assertion's own
// message, the seed, the program, a shrunk program that still fails, and how to replay it
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 3, Failures: 3') : 'expected the three cases to fail'
assert log.contains('@ExprSource case: seed 41')
assert log.contains('shrunk (same seed, fewer operations) to a case that still fails')
assert log.contains('replay it: @ExprSource(count = 1, seed = 41, inputs = 2, operations = 8)')
