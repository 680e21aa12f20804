package th.go.nhso.tabien.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * An address Spring Security's firewall refuses before anything else runs (an encoded slash,
 * a semicolon, "..", a control character in the path): 400 with the reason in Thai and
 * English, as a problem detail for the API and as text for a page, instead of an empty 400
 * (found by the hostile-input suite with odd IDs in paths).
 */
@Component
public class RejectedRequests implements RequestRejectedHandler {

    private final ApiExceptionHandler api;
    private final BilingualMessages messages;
    private final ObjectMapper json;

    RejectedRequests(ApiExceptionHandler api, BilingualMessages messages, ObjectMapper json) {
        this.api = api;
        this.messages = messages;
        this.json = json;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e) throws IOException {
        TabienException refusal = TabienException.invalid("request.rejected");
        response.setStatus(refusal.status().value());
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), api.refused(refusal));
        } else {
            response.setContentType(MediaType.TEXT_PLAIN_VALUE);
            response.getWriter().write(messages.resolve(refusal).th() + "\n" + messages.resolve(refusal).en() + "\n");
        }
    }
}
