package th.go.nhso.tabien.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.web.servlet.MultipartProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Refusals that come before any controller is chosen, so the advices bound to controller
 * types never see them: an upload over {@code spring.servlet.multipart.max-file-size}
 * (refused while the request is read, before any parser sees it: 413) and an address nothing
 * answers (404). The API gets a problem detail in Thai and English, a page the error page with
 * the same text.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class UnroutedRefusals {

    private final BilingualMessages messages;
    private final ApiExceptionHandler api;
    private final String limit;

    UnroutedRefusals(BilingualMessages messages, ApiExceptionHandler api, MultipartProperties multipart) {
        this.messages = messages;
        this.api = api;
        this.limit = multipart.getMaxFileSize().toMegabytes() + " MB";
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    Object tooLarge(MaxUploadSizeExceededException e, HttpServletRequest request, HttpServletResponse response) {
        return refused(new TabienException(HttpStatus.PAYLOAD_TOO_LARGE, "upload.tooLarge", limit), request, response);
    }

    /**
     * No handler for the address: with static files only under their own paths
     * ({@code spring.web.resources.add-mappings: false}) that is a {@link NoHandlerFoundException};
     * a path under a static location that holds no such file is a {@link NoResourceFoundException}.
     */
    @ExceptionHandler({NoHandlerFoundException.class, NoResourceFoundException.class})
    Object noSuchAddress(Exception e, HttpServletRequest request, HttpServletResponse response) {
        String address = e instanceof NoResourceFoundException missing ? "/" + missing.getResourcePath()
                : ((NoHandlerFoundException) e).getRequestURL();
        return refused(TabienException.notFound("request.noSuchAddress", address), request, response);
    }

    private Object refused(TabienException refusal, HttpServletRequest request, HttpServletResponse response) {
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            return ResponseEntity.status(refusal.status()).body(api.refused(refusal));
        }
        response.setStatus(refusal.status().value());
        ModelAndView page = new ModelAndView("error");
        page.setStatus(refusal.status());
        page.addObject("status", refusal.status().value());
        page.addObject("problem", messages.resolve(refusal));
        return page;
    }
}
