package th.go.nhso.tabien.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium driven headless through Debian's chromedriver. Nothing is downloaded:
 * both paths are given, so Selenium Manager never runs. Override with CHROMIUM_BIN and
 * CHROMEDRIVER_BIN on other machines.
 */
public final class Browser implements AutoCloseable {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final WebDriver driver;
    private final String baseUrl;

    public Browser(int port) {
        String binary = System.getenv().getOrDefault("CHROMIUM_BIN", "/usr/bin/chromium");
        String chromedriver = System.getenv().getOrDefault("CHROMEDRIVER_BIN", "/usr/bin/chromedriver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-quic", "--no-first-run", "--window-size=1280,900", "--lang=th");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(chromedriver).toFile()).build();
        this.driver = new ChromeDriver(service, options);
        this.driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        this.baseUrl = "http://localhost:" + port;
    }

    public Browser open(String path) {
        driver.get(baseUrl + path);
        return this;
    }

    public Browser logIn(String username, String password) {
        open("/login");
        type("username", username);
        type("password", password);
        WebElement submit = driver.findElement(By.id("login-submit"));
        submit.click();
        // wait for the answer to the login form: a page opened right after would abort it
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> gone(submit));
        return this;
    }

    /** Clicks a link or a form's button and waits for the page it leads to, so nothing is read from the old one. */
    public Browser clickThrough(String id) {
        WebElement button = driver.findElement(By.id(id));
        button.click();
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> gone(button));
        return this;
    }

    /** True once the element's page was replaced; Chromium says so by a stale reference or a detached node. */
    private static boolean gone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (WebDriverException replaced) {
            return true;
        }
    }

    public Browser type(String id, String text) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
        return this;
    }

    public Browser click(String id) {
        driver.findElement(By.id(id)).click();
        return this;
    }

    public String text(String id) {
        return waitFor(By.id(id)).getText();
    }

    public WebElement waitFor(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    public String title() {
        return driver.getTitle();
    }

    public String currentPath() {
        return driver.getCurrentUrl().substring(baseUrl.length());
    }

    public String pageText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    public WebDriver driver() {
        return driver;
    }

    /** Keeps a picture of the screen under target/screenshots, for people to look at. */
    public void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            byte[] png = ((ChromeDriver) driver).getScreenshotAs(OutputType.BYTES);
            Files.write(SCREENSHOTS.resolve(name + ".png"), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
