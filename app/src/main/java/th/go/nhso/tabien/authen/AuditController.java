package th.go.nhso.tabien.authen;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit trail for ADMIN (the security chain keeps {@code /admin/**} to ADMIN). */
@Controller
class AuditController {

    private static final int PAGE_SIZE = 200;

    private final AuditTrail audit;

    AuditController(AuditTrail audit) {
        this.audit = audit;
    }

    @GetMapping("/admin/audit")
    String audit(@RequestParam(required = false) String subject, Model model) {
        String filter = subject == null || subject.isBlank() ? null : subject.strip();
        model.addAttribute("subject", filter);
        model.addAttribute("events", audit.latest(PAGE_SIZE, filter));
        return "admin/audit";
    }
}
