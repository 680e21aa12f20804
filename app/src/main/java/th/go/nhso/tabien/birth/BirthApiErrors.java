package th.go.nhso.tabien.birth;

import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import th.go.nhso.tabien.system.BilingualMessages;

/** A record with problems: 400 listing each field path with the reason in Thai and English. */
@RestControllerAdvice(assignableTypes = BirthApiController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class BirthApiErrors {

    private final BilingualMessages messages;

    BirthApiErrors(BilingualMessages messages) {
        this.messages = messages;
    }

    @ExceptionHandler(InvalidBirthRecordException.class)
    ProblemDetail invalid(InvalidBirthRecordException e) {
        BilingualMessages.Bilingual summary = messages.resolve("birth.invalidRecord", e.problems().size());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, summary.en());
        problem.setProperty("code", "birth.invalidRecord");
        problem.setProperty("detailTh", summary.th());
        problem.setProperty("errors", errors(messages, e.problems()));
        return problem;
    }

    static List<FieldError> errors(BilingualMessages messages, List<FieldProblem> problems) {
        return problems.stream().map(p -> {
            BilingualMessages.Bilingual text = messages.resolve(p.code(), p.args());
            return new FieldError(p.field(), p.code(), text.en(), text.th());
        }).toList();
    }

    record FieldError(String field, String code, String message, String messageTh) {
    }
}
