package th.go.nhso.tabien.entitlement;

import java.io.IOException;
import java.util.List;

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

import th.go.nhso.tabien.authen.Role;
import th.go.nhso.tabien.authen.StaffUser;
import th.go.nhso.tabien.documents.ExcelTable;
import th.go.nhso.tabien.registry.Registry;
import th.go.nhso.tabien.system.BilingualMessages;
import th.go.nhso.tabien.system.TabienException;

/** Upload an agency file and watch it apply; review conflicts; the monthly transitions report. */
@Controller
class EntitlementPageController {

    private final EntitlementBatches batches;
    private final ConflictReviews reviews;
    private final TransitionsReport report;
    private final Registry registry;
    private final BilingualMessages messages;

    EntitlementPageController(EntitlementBatches batches, ConflictReviews reviews, TransitionsReport report,
                              Registry registry, BilingualMessages messages) {
        this.batches = batches;
        this.reviews = reviews;
        this.report = report;
        this.registry = registry;
        this.messages = messages;
    }

    @GetMapping("/entitlement-changes")
    String upload(StaffUser user, Model model) {
        requireRegionOrAdmin(user);
        model.addAttribute("agencies", EntitlementBatches.AGENCIES.stream().sorted().toList());
        model.addAttribute("batches", batches.latest(20));
        return "entitlement/upload";
    }

    @PostMapping("/entitlement-changes")
    String submit(StaffUser user, @RequestParam String agency, @RequestParam("file") MultipartFile file,
                  RedirectAttributes redirect) throws IOException {
        try {
            return "redirect:/entitlement-changes/batches/" + EntitlementApiController.submit(batches, user, agency, file);
        } catch (TabienException e) {
            redirect.addFlashAttribute("problem", messages.resolve(e));
            return "redirect:/entitlement-changes";
        }
    }

    /** The example file of an agency (templates/feeds), to start from the right columns. */
    @GetMapping("/entitlement-changes/examples/{agency}.csv")
    ResponseEntity<byte[]> example(@PathVariable String agency) throws IOException {
        String code = agency.toUpperCase(java.util.Locale.ROOT);
        if (!EntitlementBatches.AGENCIES.contains(code) || code.equals("NHSO")) {
            throw TabienException.notFound("feed.unknownAgency", agency, String.join(", ", EntitlementBatches.AGENCIES));
        }
        byte[] csv = new org.springframework.core.io.ClassPathResource("templates/feeds/" + code.toLowerCase(java.util.Locale.ROOT)
                + "-example.csv").getContentAsByteArray();
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(code.toLowerCase(java.util.Locale.ROOT) + "-example.csv").build().toString())
                .body(csv);
    }

    @GetMapping("/entitlement-changes/batches/{batchId}")
    String batch(StaffUser user, @PathVariable String batchId, Model model) {
        requireRegionOrAdmin(user);
        EntitlementBatches.Batch b = batches.find(batchId)
                .orElseThrow(() -> TabienException.notFound("feed.batchNotFound", batchId));
        model.addAttribute("batch", b);
        model.addAttribute("message", EntitlementApiController.message(messages, b.message()));
        return "entitlement/batch";
    }

    /** What the progress page polls, through the page login (the JSON API takes Basic auth or keys). */
    @GetMapping("/entitlement-changes/batches/{batchId}/progress")
    @org.springframework.web.bind.annotation.ResponseBody
    EntitlementApiController.BatchJson progress(StaffUser user, @PathVariable String batchId) {
        requireRegionOrAdmin(user);
        return EntitlementApiController.json(batches, messages, batchId);
    }

    @GetMapping("/entitlement-changes/batches/{batchId}/rows.xlsx")
    ResponseEntity<byte[]> rows(StaffUser user, @PathVariable String batchId) {
        requireRegionOrAdmin(user);
        return EntitlementApiController.excel(batches, messages, batchId);
    }

    @GetMapping("/entitlement-changes/conflicts")
    String conflicts(StaffUser user, Model model) {
        model.addAttribute("conflicts", reviews.open(user));
        model.addAttribute("decisions", ConflictReviews.Decision.values());
        return "entitlement/conflicts";
    }

    @PostMapping("/entitlement-changes/conflicts/{conflictId}")
    String decide(StaffUser user, @PathVariable long conflictId, @RequestParam(required = false) ConflictReviews.Decision decision,
                  @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        try {
            reviews.decide(user, conflictId, decision, reason);
            redirect.addFlashAttribute("decided", conflictId);
        } catch (TabienException e) {
            redirect.addFlashAttribute("problem", messages.resolve(e));
        }
        return "redirect:/entitlement-changes/conflicts";
    }

    @GetMapping("/entitlement-changes/report")
    String report(StaffUser user, @RequestParam(required = false) Integer region,
                  @RequestParam(required = false) String province, Model model) {
        List<TransitionsReport.Transition> rows = report.monthly(scopedRegion(user, region), province, 24);
        model.addAttribute("rows", rows);
        model.addAttribute("max", rows.stream().mapToLong(TransitionsReport.Transition::people).max().orElse(1));
        model.addAttribute("region", scopedRegion(user, region));
        model.addAttribute("province", province);
        model.addAttribute("provinces", registry.provinces());
        return "entitlement/report";
    }

    @GetMapping("/entitlement-changes/report.xlsx")
    ResponseEntity<byte[]> reportExcel(StaffUser user, @RequestParam(required = false) Integer region,
                                       @RequestParam(required = false) String province) {
        byte[] xlsx = ExcelTable.write("transitions", List.of("ปี (พ.ศ.)", "เดือน", "จากสิทธิ", "เป็นสิทธิ", "จำนวนคน"),
                report.monthly(scopedRegion(user, region), province, 24).stream()
                        .map(t -> List.<Object>of(t.year() + 543, t.month(), t.from(), t.to(), t.people())).toList());
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("entitlement-transitions.xlsx").build().toString())
                .body(xlsx);
    }

    /** A regional approver sees their region's figures; others choose. */
    private static Integer scopedRegion(StaffUser user, Integer asked) {
        return user.role() == Role.REGIONAL_APPROVER ? user.region() : asked;
    }

    private static void requireRegionOrAdmin(StaffUser user) {
        EntitlementBatches.requireRegionOrAdmin(user);
    }
}
