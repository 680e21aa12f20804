package th.go.nhso.tabien.system;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The e-mail outbox for ADMIN: in the embedded default, this is where sent e-mail can be read. */
@Controller
class OutboxController {

    private final MailOutbox outbox;

    OutboxController(MailOutbox outbox) {
        this.outbox = outbox;
    }

    @GetMapping("/admin/outbox")
    String outbox(Model model) {
        model.addAttribute("mails", outbox.latest(100));
        return "admin/outbox";
    }
}
