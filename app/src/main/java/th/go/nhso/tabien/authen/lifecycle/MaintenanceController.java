package th.go.nhso.tabien.authen.lifecycle;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import th.go.nhso.tabien.authen.StaffUser;
import th.go.nhso.tabien.system.BilingualMessages;
import th.go.nhso.tabien.system.TabienException;

/** {@code /admin/maintenance} (ADMIN, by the existing /admin/** rule): the maintenance windows. */
@Controller
class MaintenanceController {

    private final MaintenanceWindows windows;
    private final BilingualMessages messages;

    MaintenanceController(MaintenanceWindows windows, BilingualMessages messages) {
        this.windows = windows;
        this.messages = messages;
    }

    @GetMapping("/admin/maintenance")
    String list(Model model) {
        model.addAttribute("windows", windows.recentAndComing());
        return "admin/maintenance";
    }

    @PostMapping("/admin/maintenance")
    String add(StaffUser user, @RequestParam String startsAt, @RequestParam String endsAt, @RequestParam String reason,
               Model model) {
        try {
            windows.add(user, startsAt, endsAt, reason);
        } catch (TabienException e) {
            if (e.status().is4xxClientError() && e.status().value() != 403) {
                model.addAttribute("problem", messages.resolve(e));
                model.addAttribute("startsAt", startsAt);
                model.addAttribute("endsAt", endsAt);
                model.addAttribute("reason", reason);
                return list(model);
            }
            throw e;
        }
        return "redirect:/admin/maintenance?added";
    }

    @PostMapping("/admin/maintenance/{windowId}/removal")
    String remove(StaffUser user, @PathVariable long windowId) {
        windows.remove(user, windowId);
        return "redirect:/admin/maintenance?removed";
    }
}
