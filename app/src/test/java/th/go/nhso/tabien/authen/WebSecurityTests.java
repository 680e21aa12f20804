package th.go.nhso.tabien.authen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import th.go.nhso.tabien.support.TabienTest;

/**
 * CSRF on every page form, the security headers of pages and API answers, the session
 * cookie across login and logout on a real HTTP server, and login throttling.
 */
@TabienTest
class WebSecurityTests {

    @Autowired MockMvc mvc;
    @Autowired AccountDirectory accounts;
    @Autowired AuditTrail audit;
    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;
    @LocalServerPort int port;

    private RequestPostProcessor as(String username) {
        return user(new StaffPrincipal(accounts.find(username).orElseThrow().asStaffUser(), "n/a"));
    }

    // ---- CSRF ----

    /** Every POST/PUT/DELETE page mapping (the JSON API is stateless Basic, no cookie, no CSRF). */
    private List<String[]> pageChanges() {
        List<String[]> found = new ArrayList<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String pattern : info.getPatternValues()) {
                for (RequestMethod m : info.getMethodsCondition().getMethods()) {
                    if (m != RequestMethod.GET && !pattern.startsWith("/api/")) {
                        found.add(new String[] {m.name(), pattern.replaceAll("\\{[^}]+}", "0")});
                    }
                }
            }
        }
        return found;
    }

    @Test
    void everyPageChangeIsRefusedWithoutTheCsrfTokenAndPassesWithIt() throws Exception {
        List<String[]> changes = pageChanges();
        assertThat(changes).hasSizeGreaterThan(30);
        List<String> wrong = new ArrayList<>();
        for (String[] change : changes) {
            HttpMethod method = HttpMethod.valueOf(change[0]);
            MvcResult without = mvc.perform(request(method, change[1]).with(as("admin"))).andReturn();
            if (without.getResponse().getStatus() != 403 || !refusedForCsrf(without)) {
                wrong.add(change[0] + " " + change[1] + " without a token: " + without.getResponse().getStatus());
            }
            // with the token the CSRF filter lets it through: whatever the handler then says, it is not the CSRF refusal
            MvcResult with;
            try {
                with = mvc.perform(request(method, change[1]).with(as("admin")).with(csrf())).andReturn();
            } catch (jakarta.servlet.ServletException e) {
                continue; // the handler ran (and failed on the empty form): past the CSRF filter
            }
            if (refusedForCsrf(with)) {
                wrong.add(change[0] + " " + change[1] + " with the token: refused as CSRF");
            }
        }
        System.out.println("CSRF: " + changes.size() + " page changes checked");
        assertThat(wrong).isEmpty();
    }

    /** Refused by the security filters (as admin, only CSRF refuses): the request never reached a handler. */
    private static boolean refusedForCsrf(MvcResult result) {
        return result.getResponse().getStatus() == 403 && result.getHandler() == null;
    }

    /** Thymeleaf adds the hidden _csrf field only to a form whose action is th:action. */
    @Test
    void everyPostFormOfTheTemplatesGetsTheCsrfField() throws IOException {
        Pattern form = Pattern.compile("<form\\b[^>]*>", Pattern.DOTALL);
        List<String> wrong = new ArrayList<>();
        int forms = 0;
        for (Path root : List.of(Path.of("../templates"), Path.of("../forms"))) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".html")).toList()) {
                    Matcher m = form.matcher(Files.readString(file));
                    while (m.find()) {
                        String tag = m.group();
                        if (tag.contains("th:replace") || !tag.toLowerCase().contains("method=\"post\"")) {
                            continue;
                        }
                        forms++;
                        if (!tag.contains("th:action")) {
                            wrong.add(file + ": " + tag);
                        }
                    }
                }
            }
        }
        assertThat(forms).isGreaterThan(20);
        assertThat(wrong).as("post forms without th:action get no CSRF token").isEmpty();
    }

    @Test
    void renderedFormsCarryTheToken() throws Exception {
        for (String[] page : List.of(new String[] {"facility", "/births/new"}, new String[] {"admin", "/admin/settings"},
                new String[] {"facility", "/counter"}, new String[] {"admin", "/admin/maintenance"})) {
            String html = mvc.perform(get(page[1]).with(as(page[0]))).andReturn().getResponse().getContentAsString();
            Matcher forms = Pattern.compile("<form[^>]*method=\"post\"[^>]*>(.*?)</form>", Pattern.DOTALL).matcher(html);
            int n = 0;
            while (forms.find()) {
                n++;
                assertThat(forms.group(1)).as("a form of %s", page[1]).contains("name=\"_csrf\"");
            }
            assertThat(n).as("post forms on %s", page[1]).isPositive();
        }
        String login = mvc.perform(get("/login")).andReturn().getResponse().getContentAsString();
        assertThat(login).contains("name=\"_csrf\"");
    }

    // ---- headers ----

    @Test
    void pagesCarryTheSecurityHeadersAndAreNotCached() throws Exception {
        MockHttpServletResponse page = mvc.perform(get("/persons").with(as("facility"))).andReturn().getResponse();
        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getHeader("Content-Security-Policy")).contains("default-src 'self'").contains("frame-ancestors 'self'");
        assertThat(page.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.getHeader("X-Frame-Options")).isIn("DENY", "SAMEORIGIN");
        assertThat(page.getHeader("Referrer-Policy")).isEqualTo("same-origin");
        assertThat(page.getHeader("Permissions-Policy")).contains("camera=()").contains("geolocation=()");
        assertThat(page.getHeader("Cache-Control")).contains("no-store");
        assertThat(page.getHeader("Strict-Transport-Security")).as("no HSTS over plain HTTP").isNull();
    }

    @Test
    void apiAnswersCarryTheSecurityHeadersAndAreNotCached() throws Exception {
        MockHttpServletResponse api = mvc.perform(get("/api/v1/me").with(httpBasic("facility", "facility")))
                .andReturn().getResponse();
        assertThat(api.getStatus()).isEqualTo(200);
        assertThat(api.getHeader("Content-Security-Policy")).contains("default-src 'none'").contains("frame-ancestors 'none'");
        assertThat(api.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(api.getHeader("X-Frame-Options")).isEqualTo("DENY");
        assertThat(api.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(api.getHeader("Permissions-Policy")).contains("camera=()");
        assertThat(api.getHeader("Cache-Control")).contains("no-store");
    }

    // ---- the session, on a real server ----

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder at(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    }

    private static String sessionCookie(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst()
                .orElse(null);
    }

    private static String id(String setCookie) {
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private static String csrfOf(String html) {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("a CSRF field on the page").isTrue();
        return m.group(1);
    }

    private static HttpRequest.BodyPublisher form(Map<String, String> fields) {
        StringBuilder body = new StringBuilder();
        fields.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return HttpRequest.BodyPublishers.ofString(body.toString());
    }

    @Test
    void theSessionIdChangesAtLoginAndDiesAtLogout() throws Exception {
        HttpResponse<String> loginPage = send(at("/login"));
        String before = sessionCookie(loginPage);
        assertThat(before).as("a session for the login form's CSRF token").isNotNull()
                .containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax").doesNotContainIgnoringCase("Secure");

        HttpResponse<String> loggedIn = send(at("/login").header("Cookie", id(before))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(form(Map.of("username", "facility", "password", "facility", "_csrf", csrfOf(loginPage.body())))));
        assertThat(loggedIn.statusCode()).isEqualTo(302);
        assertThat(loggedIn.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        String after = sessionCookie(loggedIn);
        assertThat(after).as("a new session id at login").isNotNull();
        assertThat(id(after)).isNotEqualTo(id(before));

        assertThat(send(at("/persons").header("Cookie", id(after))).statusCode()).isEqualTo(200);
        HttpResponse<String> old = send(at("/persons").header("Cookie", id(before)));
        assertThat(old.statusCode()).as("the id from before the login is dead").isEqualTo(302);
        assertThat(old.headers().firstValue("Location").orElseThrow()).endsWith("/login");

        String token = csrfOf(send(at("/persons").header("Cookie", id(after))).body());
        HttpResponse<String> logout = send(at("/logout").header("Cookie", id(after))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(form(Map.of("_csrf", token))));
        assertThat(logout.headers().firstValue("Location").orElseThrow()).contains("/login?loggedOut");
        HttpResponse<String> afterLogout = send(at("/persons").header("Cookie", id(after)));
        assertThat(afterLogout.statusCode()).as("the session is invalidated at logout").isEqualTo(302);
    }

    @Test
    void behindTheTlsProxyTheCookieIsSecureAndHstsIsSent() throws Exception {
        HttpResponse<String> page = send(at("/login").header("X-Forwarded-Proto", "https"));
        assertThat(sessionCookie(page)).containsIgnoringCase("Secure").containsIgnoringCase("HttpOnly");
        assertThat(page.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(v -> assertThat(v).contains("max-age="));
    }

    // ---- login throttling ----

    private StaffAccount account(String name) {
        return accounts.createOrUpdate(new AccountDirectory.NewAccount(name + System.nanoTime() % 1_000_000, "1100000000024",
                "Throttle", "Test", null, Role.FACILITY_STAFF, "10670", "40", 7, Set.of()), "right-password-1");
    }

    private static RequestPostProcessor from(String address) {
        return r -> {
            r.setRemoteAddr(address);
            return r;
        };
    }

    private String login(String username, String password, String address) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/login")
                .param("username", username).param("password", password).with(csrf()).with(from(address)))
                .andReturn().getResponse().getRedirectedUrl();
    }

    @Test
    void fiveWrongPasswordsLockTheUsernameEvenForTheRightOne() throws Exception {
        String username = account("thr").username();
        for (int i = 0; i < 5; i++) {
            assertThat(login(username, "wrong-" + i, "10.77.0.1")).isEqualTo("/login?error");
        }
        assertThat(login(username, "right-password-1", "10.77.0.2")).as("the right password inside the lock")
                .isEqualTo("/login?refused=THROTTLED");
        assertThat(audit.latest(5, username)).anyMatch(e -> e.action().equals("LOGIN_THROTTLED"));
        String page = mvc.perform(get("/login").param("refused", "THROTTLED")).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("ใส่รหัสผ่านผิดหลายครั้งเกินไป");

        // Basic on the API counts the same lock: 429 in both languages
        mvc.perform(get("/api/v1/me").with(httpBasic(username, "right-password-1")).with(from("10.77.0.3")))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().is(429))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.header().exists("Retry-After"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.detailTh")
                        .value(org.hamcrest.Matchers.containsString("ใส่รหัสผ่านผิด")))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.detail")
                        .value(org.hamcrest.Matchers.containsString("Too many wrong passwords")));

        String other = account("ok").username();
        assertThat(login(other, "right-password-1", "10.77.0.4")).as("another user is not held up").doesNotContain("refused");
    }

    @Test
    void wrongBasicPasswordsLockTheApiToo() throws Exception {
        String username = account("thb").username();
        for (int i = 0; i < 5; i++) {
            mvc.perform(get("/api/v1/me").with(httpBasic(username, "wrong")).with(from("10.78.0.1")))
                    .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isUnauthorized());
        }
        mvc.perform(get("/api/v1/me").with(httpBasic(username, "right-password-1")).with(from("10.78.0.1")))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().is(429));
    }

    @Test
    void oneAddressTryingManyUsernamesIsLocked() throws Exception {
        String address = "10.79.0.1";
        for (int i = 0; i < 50; i++) {
            assertThat(login("nobody-" + i, "guess", address)).isEqualTo("/login?error");
        }
        String real = account("thr-addr").username();
        assertThat(login(real, "right-password-1", address)).isEqualTo("/login?refused=THROTTLED");
        assertThat(login(real, "right-password-1", "10.79.0.2")).as("from another address").doesNotContain("refused");
    }
}
