package th.go.nhso.tabien.birth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import th.go.nhso.tabien.authen.AreaPolicy;
import th.go.nhso.tabien.authen.Role;
import th.go.nhso.tabien.authen.StaffUser;
import th.go.nhso.tabien.registry.Registry;
import th.go.nhso.tabien.system.BilingualMessages;
import th.go.nhso.tabien.system.TabienException;

/** The Thai screens: file a birth, the facility's births, the follow-up worklist, one case. */
@Controller
class BirthPageController {

    private final BirthCases births;
    private final BirthCertificates certificates;
    private final CodeLists codes;
    private final Registry registry;
    private final AreaPolicy areas;
    private final BilingualMessages messages;
    private final BirthRecordValidator validator;
    private final BirthDrafts drafts;

    BirthPageController(BirthCases births, BirthCertificates certificates, CodeLists codes, Registry registry,
                        AreaPolicy areas, BilingualMessages messages, BirthRecordValidator validator, BirthDrafts drafts) {
        this.validator = validator;
        this.drafts = drafts;
        this.births = births;
        this.certificates = certificates;
        this.codes = codes;
        this.registry = registry;
        this.areas = areas;
        this.messages = messages;
    }

    @GetMapping("/births")
    String list(StaffUser user, @RequestParam(required = false) String facility, @RequestParam(required = false) BirthStatus status,
                @RequestParam(required = false) String route, Model model) {
        AreaPolicy.Area area = areas.areaOf(user);
        var facilities = registry.facilities().stream().filter(area::contains).toList();
        String hcode = facility != null ? facility : user.facilityCode() != null ? user.facilityCode()
                : facilities.isEmpty() ? null : facilities.get(0).hcode();
        model.addAttribute("facilities", facilities);
        model.addAttribute("facility", hcode == null ? null : registry.findFacility(hcode).orElse(null));
        model.addAttribute("status", status);
        model.addAttribute("route", route);
        model.addAttribute("statuses", BirthStatus.values());
        List<BirthCase> found = hcode == null ? List.of() : births.ofFacility(user, hcode, status,
                route == null || route.isBlank() ? null : route);
        model.addAttribute("births", found);
        model.addAttribute("dueDates", births.followUpDueDates(found));
        model.addAttribute("mayFile", user.role() == Role.FACILITY_STAFF);
        model.addAttribute("drafts", user.role() == Role.FACILITY_STAFF ? drafts.ofFacility(user.facilityCode()) : List.of());
        return "birth/list";
    }

    @GetMapping("/births/new")
    String newBirth(StaffUser user, @RequestParam(required = false) Long draft, Model model) {
        requireFacilityStaff(user);
        model.addAttribute("draftId", draft);
        return form(model, draft == null ? BirthForm.blank(user.facilityCode()) : drafts.open(user, draft), Map.of());
    }

    /** "Save draft" keeps the form as it is, unchecked, for any clerk of the facility to finish. */
    @PostMapping(path = "/births", params = "saveDraft")
    String saveDraft(StaffUser user, @ModelAttribute("form") BirthForm form, @RequestParam(required = false) Long draftId) {
        requireFacilityStaff(user);
        long id = drafts.save(user, draftId, withFacility(form, user));
        return "redirect:/births/new?draft=" + id + "&saved";
    }

    @PostMapping("/births")
    String file(StaffUser user, @ModelAttribute("form") BirthForm form, @RequestParam(required = false) Long draftId,
                Model model) {
        requireFacilityStaff(user);
        model.addAttribute("draftId", draftId);
        Map<String, FieldProblem> typing = new LinkedHashMap<>();
        BirthRecord record = form.toRecord(typing);
        if (!typing.isEmpty()) {
            return form(model, form, withTheRest(typing, validator.problemsWith(record)));
        }
        try {
            BirthCases.Filed filed = births.file(user, record, null);
            if (draftId != null) {
                drafts.delete(user, draftId);
            }
            return "redirect:/births/" + filed.birth().certificateNumber() + "?filed";
        } catch (InvalidBirthRecordException e) {
            return form(model, form, withTheRest(new LinkedHashMap<>(), e.problems()));
        } catch (TabienException e) {
            if (!"birth.duplicate".equals(e.code())) {
                throw e;
            }
            model.addAttribute("duplicate", messages.resolve(e));
            model.addAttribute("duplicateOf", e.properties().get("certificateNumber"));
            return form(model, form, Map.of());
        }
    }

    /**
     * What could not be read, plus everything else that is wrong, one problem per field as
     * the form shows them (birthDefects[1] is shown at the birthDefects list).
     */
    private static Map<String, FieldProblem> withTheRest(Map<String, FieldProblem> first, List<FieldProblem> rest) {
        rest.forEach(p -> first.putIfAbsent(p.field().replaceAll("\\[\\d+]$", ""), p));
        return first;
    }

    private String form(Model model, BirthForm form, Map<String, FieldProblem> problems) {
        Map<String, BilingualMessages.Bilingual> errors = new LinkedHashMap<>();
        problems.forEach((field, p) -> errors.put(field, messages.resolve(p.code(), p.args())));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("facility", registry.findFacility(form.facilityCode()).orElse(null));
        model.addAttribute("provinces", registry.provinces());
        model.addAttribute("defects", codes.searchDefects("", 1000));
        model.addAttribute("illnesses", codes.allIllnesses());
        return "birth/form";
    }

    @GetMapping("/births/{certificateNumber}")
    String birth(StaffUser user, @PathVariable String certificateNumber, Model model) {
        BirthCase c = births.view(user, certificateNumber);
        model.addAttribute("birth", c);
        model.addAttribute("doc", certificates.document(c));
        model.addAttribute("outcomes", FollowUpOutcome.values());
        model.addAttribute("mayChange", c.status().isOpen() && (user.role() == Role.ADMIN
                || (user.role() == Role.FACILITY_STAFF && c.facilityCode().equals(user.facilityCode()))));
        return "birth/case";
    }

    /** The filing form again, filled with the record as filed, for a correction with a reason. */
    @GetMapping("/births/{certificateNumber}/correction")
    String correctionForm(StaffUser user, @PathVariable String certificateNumber, Model model) {
        BirthCase c = births.view(user, certificateNumber);
        model.addAttribute("correcting", c.certificateNumber());
        return form(model, BirthForm.of(c), Map.of());
    }

    @PostMapping("/births/{certificateNumber}/correction")
    String correct(StaffUser user, @PathVariable String certificateNumber, @ModelAttribute("form") BirthForm form,
                   @RequestParam(required = false) String reason, Model model) {
        births.requireMayChange(user, certificateNumber);
        model.addAttribute("correcting", certificateNumber);
        model.addAttribute("reason", reason);
        Map<String, FieldProblem> typing = new LinkedHashMap<>();
        BirthRecord record = form.toRecord(typing);
        if (!typing.isEmpty()) {
            return form(model, form, withTheRest(typing, validator.problemsWith(record)));
        }
        try {
            births.correct(user, certificateNumber, record, reason);
            return "redirect:/births/" + certificateNumber + "?corrected";
        } catch (InvalidBirthRecordException e) {
            return form(model, form, withTheRest(new LinkedHashMap<>(), e.problems()));
        } catch (TabienException e) {
            model.addAttribute("problem", messages.resolve(e));
            return form(model, form, Map.of());
        }
    }

    @GetMapping("/births/{certificateNumber}/certificate.pdf")
    ResponseEntity<byte[]> certificate(StaffUser user, @PathVariable String certificateNumber) {
        BirthCase c = births.view(user, certificateNumber);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("birth-certificate-" + c.certificateNumber() + ".pdf").build().toString())
                .body(certificates.render(c));
    }

    @PostMapping("/births/{certificateNumber}/follow-up")
    String closeFollowUp(StaffUser user, @PathVariable String certificateNumber, @RequestParam FollowUpOutcome outcome,
                         @RequestParam(required = false) String childNationalId, @RequestParam(required = false) String note,
                         RedirectAttributes redirect) {
        try {
            births.closeFollowUp(user, certificateNumber, outcome, childNationalId, note);
        } catch (TabienException e) {
            redirect.addFlashAttribute("problem", messages.resolve(e));
        }
        return "redirect:/births/" + certificateNumber;
    }

    @PostMapping("/births/{certificateNumber}/cancellation")
    String cancel(StaffUser user, @PathVariable String certificateNumber, @RequestParam String reason,
                  RedirectAttributes redirect) {
        try {
            births.cancel(user, certificateNumber, reason);
        } catch (TabienException e) {
            redirect.addFlashAttribute("problem", messages.resolve(e));
        }
        return "redirect:/births/" + certificateNumber;
    }

    /** A draft belongs to the clerk's own facility, whatever the posted form says. */
    private static BirthForm withFacility(BirthForm f, StaffUser user) {
        return new BirthForm(user.facilityCode(), f.childFirstName(), f.childLastName(), f.childSex(), f.birthDate(),
                f.birthTime(), f.placeOfBirth(), f.plurality(), f.birthOrder(), f.weightGrams(), f.gestationalAgeWeeks(),
                f.motherNationalId(), f.motherPassportNumber(), f.motherFirstName(), f.motherLastName(), f.motherNationality(),
                f.motherBirthDate(), f.motherProvinceCode(), f.fatherNationalId(), f.fatherPassportNumber(), f.fatherFirstName(),
                f.fatherLastName(), f.fatherNationality(), f.familyStatus(), f.attendantType(), f.attendantName(),
                f.noBirthDefects(), f.birthDefects(), f.noMotherIllnesses(), f.motherIllnesses(), f.motherIllnessNotes(),
                f.notes(), f.informant());
    }

    private static void requireFacilityStaff(StaffUser user) {
        if (user.role() != Role.FACILITY_STAFF) {
            throw TabienException.forbidden("birth.onlyFacilityFiles");
        }
    }
}
