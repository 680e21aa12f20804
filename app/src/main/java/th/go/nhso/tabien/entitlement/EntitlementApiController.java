package th.go.nhso.tabien.entitlement;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import th.go.nhso.tabien.authen.StaffUser;
import th.go.nhso.tabien.documents.ExcelTable;
import th.go.nhso.tabien.system.BilingualMessages;
import th.go.nhso.tabien.system.TabienException;

/** Agency change files and conflict reviews over JSON (OpenAPI at /v3/api-docs). */
@RestController
@Tag(name = "Entitlement changes", description = "Agency change files, continuous registration, conflict review")
class EntitlementApiController {

    private final EntitlementBatches batches;
    private final ConflictReviews reviews;
    private final BilingualMessages messages;

    EntitlementApiController(EntitlementBatches batches, ConflictReviews reviews, BilingualMessages messages) {
        this.batches = batches;
        this.reviews = reviews;
        this.messages = messages;
    }

    @PostMapping(path = "/api/v1/entitlement-changes/batches", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Upload an agency change file (CSV or XLSX); 202 with the batch id, applied in the background")
    ResponseEntity<Map<String, String>> upload(StaffUser user, @RequestParam("file") MultipartFile file,
                                               @RequestParam String agency) throws IOException {
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(Map.of("batchId", submit(batches, user, agency, file)));
    }

    /** Saves the upload to a temporary file first: the batch reads it twice and never holds it in memory. */
    static String submit(EntitlementBatches batches, StaffUser user, String agency, MultipartFile file) throws IOException {
        if (file.isEmpty()) {
            throw new UnreadableFeedException("feed.empty");
        }
        Path saved = Files.createTempFile("tabien-feed-", ".upload");
        file.transferTo(saved);
        try {
            return batches.submit(user, agency, file.getOriginalFilename(), saved);
        } catch (RuntimeException e) {
            Files.deleteIfExists(saved);
            throw e;
        }
    }

    @GetMapping("/api/v1/entitlement-changes/batches/{batchId}")
    BatchJson batch(StaffUser user, @PathVariable String batchId) {
        EntitlementBatches.requireRegionOrAdmin(user);
        return json(batches, messages, batchId);
    }

    /** The batch with its counters and (up to 1,000) problem rows; the page polls the same. */
    static BatchJson json(EntitlementBatches batches, BilingualMessages messages, String batchId) {
        EntitlementBatches.Batch b = batches.find(batchId)
                .orElseThrow(() -> TabienException.notFound("feed.batchNotFound", batchId));
        BilingualMessages.Bilingual message = message(messages, b.message());
        return new BatchJson(b.batchId(), b.agency(), b.fileName(), b.status(), b.rowsRead(), b.rowsDone(), b.applied(),
                b.noOps(), b.conflicts(), b.rejected(), message == null ? null : message.en(),
                message == null ? null : message.th(), batches.rows(batchId, true).stream().limit(1000).toList());
    }

    @GetMapping("/api/v1/entitlement-changes/batches/{batchId}/rows")
    List<RowOutcome> rows(StaffUser user, @PathVariable String batchId) {
        EntitlementBatches.requireRegionOrAdmin(user);
        require(batchId);
        return batches.rows(batchId, false);
    }

    @GetMapping("/api/v1/entitlement-changes/batches/{batchId}/rows.xlsx")
    ResponseEntity<byte[]> rowsExcel(StaffUser user, @PathVariable String batchId) {
        EntitlementBatches.requireRegionOrAdmin(user);
        return excel(batches, messages, batchId);
    }

    /** Every row's outcome with its reason in both languages, as an Excel sheet. */
    static ResponseEntity<byte[]> excel(EntitlementBatches batches, BilingualMessages messages, String batchId) {
        batches.find(batchId).orElseThrow(() -> TabienException.notFound("feed.batchNotFound", batchId));
        byte[] xlsx = ExcelTable.write("report", List.of("row", "national_id", "scheme", "event", "outcome", "reason", "เหตุผล"),
                batches.rows(batchId, false).stream().map(r -> {
                    BilingualMessages.Bilingual why = r.reasonCode() == null ? null : messages.resolve(r.reasonCode(), r.reasonArg());
                    return List.<Object>of(r.rowNumber(), nz(r.nationalId()), nz(r.scheme()), nz(r.event()), r.outcome().name(),
                            why == null ? "" : why.en(), why == null ? "" : why.th());
                }).toList());
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("entitlement-batch-" + batchId + ".xlsx").build().toString())
                .body(xlsx);
    }

    @GetMapping("/api/v1/entitlement-changes/conflicts")
    List<ConflictReviews.Conflict> conflicts(StaffUser user) {
        return reviews.open(user);
    }

    @PostMapping("/api/v1/entitlement-changes/conflicts/{conflictId}/decision")
    @Operation(summary = "Keep the existing right, keep the new one, keep both, or reject the change, with a reason")
    ConflictReviews.Conflict decide(StaffUser user, @PathVariable long conflictId, @RequestBody DecisionJson decision) {
        reviews.decide(user, conflictId, decision.decision(), decision.reason());
        return reviews.find(conflictId);
    }

    private EntitlementBatches.Batch require(String batchId) {
        return batches.find(batchId).orElseThrow(() -> TabienException.notFound("feed.batchNotFound", batchId));
    }

    /** A batch message is stored as "code|arg|arg" and told in both languages when read. */
    static BilingualMessages.Bilingual message(BilingualMessages messages, String stored) {
        if (stored == null) {
            return null;
        }
        String[] parts = stored.split("\\|");
        return messages.resolve(parts[0], (Object[]) java.util.Arrays.copyOfRange(parts, 1, parts.length));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    record BatchJson(String batchId, String agency, String fileName, String status, int rows, int rowsDone, int applied,
                     int noOps, int conflicts, int rejected, String message, String messageTh, List<RowOutcome> problemRows) {
    }

    record DecisionJson(ConflictReviews.Decision decision, String reason) {
    }
}
