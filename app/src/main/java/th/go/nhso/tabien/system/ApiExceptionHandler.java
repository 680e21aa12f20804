package th.go.nhso.tabien.system;

import java.net.URI;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

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
