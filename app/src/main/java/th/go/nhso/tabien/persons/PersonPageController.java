package th.go.nhso.tabien.persons;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import th.go.nhso.tabien.authen.StaffUser;
import th.go.nhso.tabien.registry.NationalId;
import th.go.nhso.tabien.registry.Registry;
import th.go.nhso.tabien.system.BilingualMessages;
import th.go.nhso.tabien.system.TabienException;

/** The person search and the person page with the entitlement history. */
@Controller
class PersonPageController {

    private final PersonLookup lookup;
    private final Registry registry;
    private final BilingualMessages messages;

    PersonPageController(PersonLookup lookup, Registry registry, BilingualMessages messages) {
        this.lookup = lookup;
        this.registry = registry;
        this.messages = messages;
    }

    @GetMapping("/persons")
    String search(@RequestParam(required = false) String nationalId, Model model) {
        if (nationalId == null || nationalId.isBlank()) {
            return "persons/search";
        }
        try {
            return "redirect:/persons/" + NationalId.parse(nationalId).value();
        } catch (TabienException e) {
            model.addAttribute("nationalId", nationalId);
            model.addAttribute("problem", messages.resolve(e));
            return "persons/search";
        }
    }

    @GetMapping("/persons/{nationalId}")
    String person(StaffUser user, @PathVariable String nationalId, Model model) {
        PersonLookup.PersonRecord found = lookup.read(user, NationalId.parse(nationalId), "page");
        model.addAttribute("person", found.person());
        model.addAttribute("nationalId", NationalId.parse(nationalId));
        model.addAttribute("current", found.current());
        model.addAttribute("history", found.history());
        model.addAttribute("province", found.person().provinceCode() == null ? null
                : registry.findProvince(found.person().provinceCode()).orElse(null));
        model.addAttribute("facilities", registry.facilitiesByCode());
        return "persons/person";
    }
}
