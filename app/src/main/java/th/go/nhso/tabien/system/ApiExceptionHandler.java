package th.go.nhso.tabien.system;

import java.net.URI;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/**
 * Turns refusals of the JSON API into RFC 9457 problem details that say what is wrong in
 * Thai ({@code detailTh}) and English ({@code detail}).
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ApiExceptionHandler {

    private final BilingualMessages messages;

    public ApiExceptionHandler(BilingualMessages messages) {
        this.messages = messages;
    }

    /** Malformed JSON, a date that is not ISO, a number that is text: the body cannot be read at all. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        return refused(TabienException.invalid("request.unreadable"));
    }

    /** A query or path parameter of the wrong form, e.g. a BE date where ISO is expected. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail badParameter(MethodArgumentTypeMismatchException e) {
        return refused(TabienException.invalid("request.parameterInvalid", e.getName(), String.valueOf(e.getValue())));
    }

    /*
     * Spring MVC's own refusals, told like Tabien's (found by the hostile-input suite: a JSON
     * endpoint posted as text/plain answered 415, a missing query parameter 400, both without
     * detailTh). The status and headers (Allow, Accept) stay Spring's.
     */

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> unsupportedMediaType(HttpMediaTypeNotSupportedException e) {
        return framework(e, "request.mediaTypeUnsupported", String.valueOf(e.getContentType()));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        return framework(e, "request.methodNotAllowed", e.getMethod());
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missingParameter(MissingServletRequestParameterException e) {
        return framework(e, "request.parameterMissing", e.getParameterName());
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    ResponseEntity<ProblemDetail> missingPart(MissingServletRequestPartException e) {
        return framework(e, "request.partMissing", e.getRequestPartName());
    }

    @ExceptionHandler(ServletRequestBindingException.class)
    ResponseEntity<ProblemDetail> binding(ServletRequestBindingException e) {
        return framework(e, "request.bindingFailed");
    }

    /** A multipart endpoint sent something else, or a multipart body that cannot be read. */
    @ExceptionHandler(MultipartException.class)
    ProblemDetail notMultipart(MultipartException e) {
        return refused(TabienException.invalid("request.notMultipart"));
    }

    private ResponseEntity<ProblemDetail> framework(ErrorResponse e, String code, Object... args) {
        ProblemDetail problem = refused(new TabienException(HttpStatus.valueOf(e.getStatusCode().value()), code, args));
        return ResponseEntity.status(e.getStatusCode()).headers(e.getHeaders()).body(problem);
    }

    @ExceptionHandler(TabienException.class)
    ProblemDetail refused(TabienException e) {
        BilingualMessages.Bilingual text = messages.resolve(e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), text.en());
        problem.setTitle(HttpStatus.valueOf(e.status().value()).getReasonPhrase());
        problem.setType(URI.create("urn:tabien:" + e.code()));
        problem.setProperty("code", e.code());
        problem.setProperty("detailTh", text.th());
        e.properties().forEach(problem::setProperty);
        return problem;
    }
}
