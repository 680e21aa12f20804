package th.go.nhso.tabien.authen;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** ADMIN manages the API keys of hospital systems and kiosks ({@code /admin/**} is ADMIN only). */
@Controller
class ApiClientsController {

    private final ApiClients clients;

    ApiClientsController(ApiClients clients) {
        this.clients = clients;
    }

    @GetMapping("/admin/api-clients")
    String list(Model model) {
        model.addAttribute("clients", clients.all());
        return "admin/api-clients";
    }

    @PostMapping("/admin/api-clients")
    String create(StaffUser admin, @RequestParam String name, @RequestParam String facilityCode, Model model) {
        model.addAttribute("newKey", clients.create(admin, name, facilityCode));
        return list(model);
    }

    @PostMapping("/admin/api-clients/{clientId}/revocation")
    String revoke(StaffUser admin, @PathVariable String clientId) {
        clients.revoke(admin, clientId);
        return "redirect:/admin/api-clients";
    }
}
