package th.go.nhso.tabien.home;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import th.go.nhso.tabien.authen.StaffUser;
import th.go.nhso.tabien.registry.Registry;

/** The home page after login: what this user's role lets them do, for their area. */
@Controller
class HomeController {

    private final Registry registry;

    HomeController(Registry registry) {
        this.registry = registry;
    }

    @GetMapping("/")
    String home(StaffUser user, Model model) {
        model.addAttribute("user", user);
        if (user.facilityCode() != null) {
            model.addAttribute("facility", registry.findFacility(user.facilityCode()).orElse(null));
        }
        if (user.provinceCode() != null) {
            model.addAttribute("province", registry.findProvince(user.provinceCode()).orElse(null));
        }
        return "home";
    }
}
