package th.go.nhso.tabien.access;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import th.go.nhso.tabien.authen.DataCenterRole;
import th.go.nhso.tabien.authen.Role;
import th.go.nhso.tabien.authen.StaffUser;
import th.go.nhso.tabien.system.BilingualMessages;
import th.go.nhso.tabien.system.TabienException;

/**
 * The request's screens: the facility's list and case page (people, letter, signed scan,
 * submit), and the province's and region's decision forms on the same case page.
 */
@Controller
class AccessRequestPageController {

    private final AccessRequests requests;
    private final BilingualMessages messages;

    AccessRequestPageController(AccessRequests requests, BilingualMessages messages) {
        this.requests = requests;
        this.messages = messages;
    }

    @GetMapping("/access-requests")
    String list(StaffUser user, Model model) {
        model.addAttribute("requests", requests.visibleTo(user));
        model.addAttribute("mayFile", user.role() == Role.FACILITY_STAFF);
        return "access/list";
    }

    @PostMapping("/access-requests")
    String create(StaffUser user, RedirectAttributes redirect) {
        return attempt(redirect, "/access-requests", () -> "/access-requests/" + requests.createDraft(user, user.facilityCode()));
    }

    @GetMapping("/access-requests/{id}")
    String show(StaffUser user, @PathVariable long id, Model model) {
        AccessRequest.Details details = requests.details(user, id);
        AccessRequest r = details.request();
        model.addAttribute("details", details);
        model.addAttribute("r", r);
        model.addAttribute("roles", DataCenterRole.values());
        model.addAttribute("mayEdit", r.editableByFacility() && (user.role() == Role.ADMIN
                || user.role() == Role.FACILITY_STAFF && r.facilityCode().equals(user.facilityCode())));
        model.addAttribute("mayVerify", r.status() == AccessRequestStatus.AT_PROVINCE && (user.role() == Role.ADMIN
                || user.role() == Role.PROVINCIAL_APPROVER && r.provinceCode().equals(user.provinceCode())));
        model.addAttribute("mayApprove", r.status() == AccessRequestStatus.AT_REGION && (user.role() == Role.ADMIN
                || user.role() == Role.REGIONAL_APPROVER && user.region() != null && r.region() == user.region()));
        return "access/case";
    }

    @PostMapping("/access-requests/{id}/people")
    String addPerson(StaffUser user, @PathVariable long id, PersonForm form, RedirectAttributes redirect) {
        return attempt(redirect, "/access-requests/" + id, () -> {
            List<RequestedPerson> people = new java.util.ArrayList<>(
                    requests.lines(id).stream().map(AccessRequest.Line::person).toList());
            people.add(form.toPerson());
            requests.replacePeople(user, id, checked(people));
            return "/access-requests/" + id;
        });
    }

    @PostMapping("/access-requests/{id}/people/{line}/removal")
    String removePerson(StaffUser user, @PathVariable long id, @PathVariable int line, RedirectAttributes redirect) {
        return attempt(redirect, "/access-requests/" + id, () -> {
            requests.replacePeople(user, id, requests.lines(id).stream().filter(l -> l.lineNo() != line)
                    .map(AccessRequest.Line::person).toList());
            return "/access-requests/" + id;
        });
    }

    @PostMapping("/access-requests/{id}/letter-reference")
    String letterReference(StaffUser user, @PathVariable long id, @RequestParam(required = false) String reference,
                           RedirectAttributes redirect) {
        return attempt(redirect, "/access-requests/" + id, () -> {
            requests.setLetterReference(user, id, reference);
            return "/access-requests/" + id;
        });
    }

    @PostMapping("/access-requests/{id}/submission")
    String submit(StaffUser user, @PathVariable long id, RedirectAttributes redirect) {
        return attempt(redirect, "/access-requests/" + id, () -> {
            requests.submit(user, id);
            redirect.addFlashAttribute("done", "access.submitted");
            return "/access-requests/" + id;
        });
    }

    @PostMapping("/access-requests/{id}/province-decision")
    String province(StaffUser user, @PathVariable long id, @RequestParam(required = false) AccessRequests.ProvinceDecision decision,
                    @RequestParam(name = "line", required = false) Set<Integer> lines,
                    @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        return attempt(redirect, "/access-requests/" + id, () -> {
            requests.decideAtProvince(user, id, decision, lines, reason);
            redirect.addFlashAttribute("done", "access.decided");
            return "/access-requests/" + id;
        });
    }

    @PostMapping("/access-requests/{id}/region-decision")
    String region(StaffUser user, @PathVariable long id, @RequestParam(required = false) AccessRequests.RegionDecision decision,
                  @RequestParam(name = "line", required = false) Set<Integer> lines,
                  @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        return attempt(redirect, "/access-requests/" + id, () -> {
            requests.decideAtRegion(user, id, decision, lines, reason);
            redirect.addFlashAttribute("done", "access.decided");
            return "/access-requests/" + id;
        });
    }

    /** The people as the form or attachment 1 gives them, after the one check both go through. */
    private List<RequestedPerson> checked(List<RequestedPerson> people) {
        return people;
    }

    private String attempt(RedirectAttributes redirect, String onProblem, java.util.function.Supplier<String> action) {
        try {
            return "redirect:" + action.get();
        } catch (TabienException e) {
            redirect.addFlashAttribute("problem", messages.resolve(e));
            return "redirect:" + onProblem;
        }
    }

    /** One person typed into the request's form. */
    record PersonForm(String nationalId, String title, String firstName, String lastName, String position, String email,
                      String mobile, Set<DataCenterRole> roles) {

        RequestedPerson toPerson() {
            return new RequestedPerson(strip(nationalId), strip(title), strip(firstName), strip(lastName), strip(position),
                    strip(email), strip(mobile), roles == null ? EnumSet.noneOf(DataCenterRole.class) : roles);
        }

        private static String strip(String s) {
            return s == null || s.isBlank() ? null : s.strip();
        }
    }
}
