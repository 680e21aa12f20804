package th.go.nhso.tabien.authen;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import th.go.nhso.tabien.support.TabienTest;

/**
 * The engine REST API and the Camunda webapps over real HTTP: they are served by their own
 * servlets, so only a real request proves they are closed to everyone but ADMIN.
 */
@TabienTest
class CamundaDoorsTests {

    @LocalServerPort int port;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private HttpResponse<String> get(String path, String user, String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void engineRestIsClosedWithoutCredentials() throws Exception {
        assertThat(get("/engine-rest/engine", null, null).statusCode()).isEqualTo(401);
        assertThat(get("/engine-rest/process-definition", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void engineRestIsClosedToEveryRoleButAdmin() throws Exception {
        for (String user : new String[] {"facility", "province", "region"}) {
            assertThat(get("/engine-rest/engine", user, user).statusCode()).as(user).isEqualTo(403);
            assertThat(get("/engine-rest/task", user, user).statusCode()).as(user).isEqualTo(403);
        }
    }

    @Test
    void engineRestAnswersAdmin() throws Exception {
        HttpResponse<String> response = get("/engine-rest/engine", "admin", "admin");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"name\":\"default\"");
    }

    @Test
    void wrongAdminPasswordIsRefused() throws Exception {
        assertThat(get("/engine-rest/engine", "admin", "not-the-password").statusCode()).isEqualTo(401);
    }

    @Test
    void cockpitSendsStrangersToTheTabienLogin() throws Exception {
        HttpResponse<String> response = get("/camunda/app/cockpit/default/", null, null);
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).get().asString().endsWith("/login");
    }
}
