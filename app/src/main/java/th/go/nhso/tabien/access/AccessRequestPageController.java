package th.go.nhso.tabien.access;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import th.go.nhso.tabien.authen.AreaPolicy;
import th.go.nhso.tabien.authen.DataCenterRole;
import th.go.nhso.tabien.authen.Role;
import th.go.nhso.tabien.authen.StaffUser;
import th.go.nhso.tabien.documents.OfficialLetter;
import th.go.nhso.tabien.registry.Facility;
import th.go.nhso.tabien.registry.HospitalCode;
import th.go.nhso.tabien.registry.Registry;
import th.go.nhso.tabien.system.BilingualMessages;
import th.go.nhso.tabien.system.ThaiDates;
import th.go.nhso.tabien.system.TabienException;

/**
 * The request's screens: the facility's list and case page (people, letter, signed scan,
 * submit), and the province's and region's decision forms on the same case page.
 */
@Controller
class AccessRequestPageController {

    private final AccessRequests requests;
    private final BilingualMessages messages;
    private final Registry registry;
    private final AttachmentOne attachmentOne;
    private final AttachmentOneReader attachmentReader;
    private final AccessRequestLetter letter;
    private final SignedScan signedScan;
    private final RequestPackage requestPackage;
    private final Clock clock;
    private final AreaPolicy areas;

    AccessRequestPageController(AccessRequests requests, BilingualMessages messages, Registry registry,
                                AttachmentOne attachmentOne, AttachmentOneReader attachmentReader,
                                AccessRequestLetter letter, SignedScan signedScan, RequestPackage requestPackage,
                                Clock clock, AreaPolicy areas) {
        this.areas = areas;
        this.requests = requests;
        this.messages = messages;
        this.registry = registry;
        this.attachmentOne = attachmentOne;
        this.attachmentReader = attachmentReader;
        this.letter = letter;
        this.signedScan = signedScan;
        this.requestPackage = requestPackage;
        this.clock = clock;
    }

    @GetMapping("/access-requests")
    String list(StaffUser user, Model model) {
        model.addAttribute("requests", requests.visibleTo(user));
        model.addAttribute("mayFile", user.role() == Role.FACILITY_STAFF);
        model.addAttribute("mayBulkForward", user.role() == Role.PROVINCIAL_APPROVER || user.role() == Role.ADMIN);
        return "access/list";
    }

    /**
     * The province's simple cases: forward every person of each chosen request at once. Each
     * request is decided on its own, so one already decided by a colleague is reported and
     * the others still go.
     */
    @PostMapping("/access-requests/bulk-forward")
    String bulkForward(StaffUser user, @RequestParam(name = "request", required = false) List<Long> ids,
                       RedirectAttributes redirect) {
        List<Long> forwarded = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (long id : ids == null ? List.<Long>of() : ids) {
            try {
                Set<Integer> everyone = new java.util.HashSet<>();
                requests.lines(id).forEach(l -> everyone.add(l.lineNo()));
                requests.decideAtProvince(user, id, AccessRequests.ProvinceDecision.FORWARD, everyone, null);
                forwarded.add(id);
            } catch (TabienException e) {
                refused.add(id + ": " + messages.resolve(e));
            }
        }
        redirect.addFlashAttribute("forwarded", forwarded);
        redirect.addFlashAttribute("rowProblems", refused.isEmpty() ? null : refused);
        return "redirect:/access-requests";
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
        model.addAttribute("mayEdit", r.editableByFacility() && AccessRequests.isFacilityOf(user, r.facilityCode()));
        model.addAttribute("mayVerify", r.status() == AccessRequestStatus.AT_PROVINCE && AccessRequests.isProvinceOf(user, r));
        model.addAttribute("mayApprove", r.status() == AccessRequestStatus.AT_REGION && AccessRequests.isRegionOf(user, r));
        return "access/case";
    }

    /** The blank attachment 1 of the user's facility (an admin names the facility). */
    @GetMapping("/access-requests/attachment-1.xlsx")
    ResponseEntity<byte[]> template(StaffUser user, @RequestParam(required = false) String hcode) {
        String code = hcode != null ? hcode : user.facilityCode();
        if (code == null) {
            throw TabienException.invalid("access.facilityRequired");
        }
        Facility facility = areas.requireAccess(user, new HospitalCode(code));
        return download(attachmentOne.template(facility), code + "-attachment-1.xlsx", XLSX);
    }

    @PostMapping("/access-requests/{id}/attachment-1")
    String uploadAttachment(StaffUser user, @PathVariable long id, @RequestParam("file") MultipartFile file,
                            RedirectAttributes redirect) {
        return attempt(redirect, "/access-requests/" + id, () -> {
            // by the size the upload declares, before a byte of it is read or parsed
            attachmentReader.refuseIfTooLarge(file.getSize());
            byte[] bytes = Uploads.bytes(file);
            List<RequestedPerson> people = attachmentReader.read(bytes);
            requests.replacePeople(user, id, people);
            requests.storeFile(user, id, AccessRequests.FileKind.ATTACHMENT_ONE, fileName(file, "attachment-1.xlsx"), bytes);
            return "/access-requests/" + id;
        });
    }

    @PostMapping("/access-requests/{id}/people")
    String addPerson(StaffUser user, @PathVariable long id, PersonForm form, RedirectAttributes redirect) {
        return attempt(redirect, "/access-requests/" + id, () -> {
            List<RequestedPerson> people = new ArrayList<>(requests.lines(id).stream().map(AccessRequest.Line::person).toList());
            people.add(form.toPerson());
            requests.replacePeople(user, id, people);
            return "/access-requests/" + id;
        });
    }

    /** The official letter to sign, filled from the request; a dotted line for the director's name. */
    @GetMapping("/access-requests/{id}/letter.pdf")
    ResponseEntity<byte[]> letter(StaffUser user, @PathVariable long id) {
        AccessRequest r = requests.read(user, id, "letter.pdf");
        Facility facility = registry.requireFacility(new HospitalCode(r.facilityCode()));
        List<RequestedPerson> people = requests.lines(id).stream().map(AccessRequest.Line::person).toList();
        byte[] pdf = letter.render(new AccessRequestLetter.Request(facility, r.letterReference(), List.of(facility.nameTh()),
                LocalDate.now(clock.withZone(ThaiDates.BANGKOK)), DOTTED_NAME, null, null,
                new OfficialLetter.Contact(facility.nameTh(), null, null), people));
        return download(pdf, r.facilityCode() + "-letter-" + id + ".pdf", MediaType.APPLICATION_PDF);
    }

    @PostMapping("/access-requests/{id}/signed-scan")
    String uploadScan(StaffUser user, @PathVariable long id, @RequestParam("file") MultipartFile file,
                      RedirectAttributes redirect) {
        return attempt(redirect, "/access-requests/" + id, () -> {
            signedScan.refuseIfTooLarge(file.getSize());
            byte[] bytes = Uploads.bytes(file);
            signedScan.check(bytes);
            requests.storeFile(user, id, AccessRequests.FileKind.SIGNED_SCAN, fileName(file, "signed.pdf"), bytes);
            return "/access-requests/" + id;
        });
    }

    /** PDF + Excel as {@code <hcode>-<facility name>.zip}; the Excel is the uploaded one, or written from the people. */
    @GetMapping("/access-requests/{id}/package.zip")
    ResponseEntity<byte[]> requestPackage(StaffUser user, @PathVariable long id) {
        AccessRequest r = requests.read(user, id, "package.zip");
        Facility facility = registry.requireFacility(new HospitalCode(r.facilityCode()));
        byte[] scan = requests.file(user, id, AccessRequests.FileKind.SIGNED_SCAN)
                .orElseThrow(() -> TabienException.unprocessable("access.signedScanMissing")).content();
        byte[] excel = requests.file(user, id, AccessRequests.FileKind.ATTACHMENT_ONE)
                .map(AccessRequests.StoredFile::content)
                .orElseGet(() -> attachmentOne.filled(facility,
                        requests.lines(id).stream().map(AccessRequest.Line::person).toList()));
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, requestPackage.contentDisposition(facility))
                .contentType(MediaType.parseMediaType("application/zip"))
                .body(requestPackage.zip(facility, scan, excel));
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

    private static final String DOTTED_NAME = "..................................................";
    private static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private static ResponseEntity<byte[]> download(byte[] body, String fileName, MediaType type) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(fileName).build().toString())
                .contentType(type).body(body);
    }

    private static String fileName(MultipartFile file, String fallback) {
        String name = file.getOriginalFilename();
        return name == null || name.isBlank() ? fallback : Path.of(name).getFileName().toString();
    }

    /** Runs a change; a refusal comes back to the page in Thai and English, each row problem listed. */
    private String attempt(RedirectAttributes redirect, String onProblem, Supplier<String> action) {
        try {
            return "redirect:" + action.get();
        } catch (InvalidAttachmentException e) {
            redirect.addFlashAttribute("problem", messages.resolve(e));
            redirect.addFlashAttribute("rowProblems", e.problems().stream().map(AccessRequestPageController::describe).toList());
            return "redirect:" + onProblem;
        } catch (TabienException e) {
            redirect.addFlashAttribute("problem", messages.resolve(e));
            return "redirect:" + onProblem;
        }
    }

    private static String describe(RowProblem p) {
        String where = p.row() == RowProblem.WHOLE_FILE ? "" : "แถว " + p.row() + (p.column() == null ? "" : " · " + p.column()) + ": ";
        return where + p.messageTh() + " / " + p.messageEn();
    }

    /** One person typed into the request's form. */
    record PersonForm(String nationalId, String title, String firstName, String lastName, String position, String email,
                      String mobile, Set<DataCenterRole> roles) {

        RequestedPerson toPerson() {
            return new RequestedPerson(nationalId, title, firstName, lastName, position, email, mobile,
                    roles == null ? EnumSet.noneOf(DataCenterRole.class) : roles);
        }
    }
}
