// Surefire, with its defaults, ran the JUnit tests on the module path (jdk.module.path holds this
// module and puregrad's jar), and they passed; the program then ran as a module
def report = new File(basedir, 'target/surefire-reports/TEST-example.consumer.GradientTest.xml').text
def modulePath = (report =~ /name="jdk\.module\.path" value="([^"]*)"/)
assert modulePath.find() : 'the tests did not run on the module path'
assert modulePath.group(1).contains('target/classes')
assert modulePath.group(1) ==~ '.*/io/github/puregrad/puregrad/[^/]+/puregrad-[^/:]+[.]jar.*'
assert report.contains('tests="21"') && report.contains('failures="0"') && report.contains('errors="0"')
assert new File(basedir, 'build.log').text.contains('f 42.0 df/dx 24.0 df/dy 10.0')
