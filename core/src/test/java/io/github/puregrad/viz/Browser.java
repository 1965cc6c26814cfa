package io.github.puregrad.viz;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless {@code chromium}, driven by Selenium WebDriver through Debian's {@code
 * chromedriver}, for the explorer's interaction tests. Both programs are named by path, so Selenium
 * downloads nothing. As with {@link DotProgram}, a missing browser or driver fails the test in CI
 * ({@code CI=true}) and skips it elsewhere.
 *
 * <pre>{@code
 * ChromeDriver driver = Browser.start();
 * driver.get(page.toUri() + "#step=12");
 * driver.quit();
 * }</pre>
 */
final class Browser {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private Browser() {}

  /** {@return a new headless browser session; skipped, or failed in CI, without the programs} */
  static ChromeDriver start() {
    ExternalProgram.require(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
        "chromium and chromedriver",
        "apt-get install -y chromium chromium-driver");
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox", // tests run as root in containers, where the sandbox cannot start
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking", // this machine's network is closed
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1400,900");
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    return driver;
  }
}
