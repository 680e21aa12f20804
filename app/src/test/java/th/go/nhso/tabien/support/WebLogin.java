package th.go.nhso.tabien.support;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser-like session over real HTTP for the benchmarks: the login form with its CSRF
 * token, then the session cookie; {@link #csrfToken} reads the token a page carries, for the
 * pages' POSTs (sent as the {@code X-CSRF-TOKEN} header).
 */
public final class WebLogin {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private WebLogin() {
    }

    /** An HTTP/1.1 client (redirects not followed) whose cookie jar holds a logged-in session. */
    public static HttpClient loggedIn(String baseUrl, String username, String password) throws Exception {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
        String token = csrfToken(http, baseUrl + "/login");
        String body = "username=" + enc(username) + "&password=" + enc(password) + "&_csrf=" + enc(token);
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (login.statusCode() != 302 || login.headers().firstValue("Location").orElse("").contains("error")) {
            throw new IllegalStateException("login failed: " + login.statusCode() + " " + login.headers().map());
        }
        return http;
    }

    /** The CSRF token of the form on the page at {@code url}. */
    public static String csrfToken(HttpClient http, String url) throws Exception {
        String page = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = CSRF.matcher(page);
        if (!csrf.find()) {
            throw new IllegalStateException("no CSRF token on " + url);
        }
        return csrf.group(1);
    }

    public static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
