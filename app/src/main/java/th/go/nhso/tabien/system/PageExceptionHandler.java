package th.go.nhso.tabien.system;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** A refusal on a page: the error page, with the reason in Thai and English and the right status. */
@ControllerAdvice(annotations = Controller.class)
public class PageExceptionHandler {

    private final BilingualMessages messages;

    public PageExceptionHandler(BilingualMessages messages) {
        this.messages = messages;
    }

    @ExceptionHandler(TabienException.class)
    String refused(TabienException e, Model model, HttpServletResponse response) {
        response.setStatus(e.status().value());
        model.addAttribute("status", e.status().value());
        model.addAttribute("problem", messages.resolve(e));
        return "error";
    }
}
