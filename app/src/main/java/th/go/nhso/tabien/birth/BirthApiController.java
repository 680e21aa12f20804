package th.go.nhso.tabien.birth;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

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
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import th.go.nhso.tabien.authen.StaffUser;
import th.go.nhso.tabien.registry.NationalId;

/** The birth API for hospital systems and registrars (OpenAPI at /v3/api-docs). */
@RestController
@Tag(name = "Births", description = "Birth notification (หนังสือรับรองการเกิด)")
class BirthApiController {

    private final BirthCases births;
    private final BirthCertificates certificates;
    private final CodeLists codes;

    BirthApiController(BirthCases births, BirthCertificates certificates, CodeLists codes) {
        this.births = births;
        this.certificates = certificates;
        this.codes = codes;
    }

    @PostMapping("/api/v1/births")
    @Operation(summary = "File a birth; a retried request with the same Idempotency-Key returns the first filing")
    ResponseEntity<Filed> file(StaffUser user, @RequestBody BirthRecord record,
                               @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        BirthCases.Filed filed = births.file(user, record, idempotencyKey);
        BirthCase c = filed.birth();
        Filed body = new Filed(c.caseId(), c.certificateNumber(), c.status().name(), c.route());
        return ResponseEntity.status(filed.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .location(URI.create("/api/v1/births/" + c.certificateNumber())).body(body);
    }

    @GetMapping("/api/v1/births/{certificateNumber}")
    Status status(StaffUser user, @PathVariable String certificateNumber) {
        BirthCase c = births.view(user, certificateNumber);
        return new Status(c.certificateNumber(), c.facilityCode(), c.status().name(), c.route(), c.childNationalId(),
                c.registeredOn(), c.followUpOutcome());
    }

    @GetMapping("/api/v1/births/{certificateNumber}/certificate.pdf")
    ResponseEntity<byte[]> certificate(StaffUser user, @PathVariable String certificateNumber) {
        BirthCase c = births.view(user, certificateNumber);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename("birth-certificate-" + c.certificateNumber() + ".pdf").build().toString())
                .body(certificates.render(c));
    }

    @PostMapping("/api/v1/births/{certificateNumber}/correction")
    @Operation(summary = "Correct the record before registration (the filing facility or ADMIN), with a reason")
    Status correct(StaffUser user, @PathVariable String certificateNumber, @RequestBody Correction correction) {
        births.correct(user, certificateNumber, correction.record(), correction.reason());
        return status(user, certificateNumber);
    }

    @PostMapping("/api/v1/births/{certificateNumber}/cancellation")
    @Operation(summary = "Cancel a wrong notification (the filing facility or ADMIN), with a reason")
    Status cancel(StaffUser user, @PathVariable String certificateNumber, @RequestBody Reason reason) {
        births.cancel(user, certificateNumber, reason.reason());
        return status(user, certificateNumber);
    }

    @PostMapping("/api/v1/registrar/births/{certificateNumber}/registration")
    @Operation(summary = "The registrar registered the birth (REGISTRAR or ADMIN)")
    Status register(StaffUser user, @PathVariable String certificateNumber, @RequestBody Registration registration) {
        BirthCase c = births.register(certificateNumber, registration.nationalId(), registration.registeredOn(),
                registration.registrarOffice(), user.username());
        return new Status(c.certificateNumber(), c.facilityCode(), c.status().name(), c.route(), c.childNationalId(),
                c.registeredOn(), c.followUpOutcome());
    }

    @PostMapping("/api/v1/registrar/births/unregistered")
    @Operation(summary = "The registrar's report of births that got no birth registration (REGISTRAR or ADMIN)")
    Unregistered unregistered(StaffUser user, @RequestBody UnregisteredReport report) {
        return new Unregistered(births.reportUnregistered(report.certificateNumbers() == null ? List.of()
                : report.certificateNumbers(), user.username()));
    }

    @PostMapping("/api/v1/persons/{nationalId}/birth-defects")
    @Operation(summary = "Add a birth defect found later in a registered child (any facility's staff)")
    ResponseEntity<Void> addBirthDefect(StaffUser user, @PathVariable String nationalId, @RequestBody DefectCode defect) {
        births.addBirthDefect(user, NationalId.parse(nationalId), defect.code());
        return ResponseEntity.status(HttpStatus.CREATED).build();
    }

    @GetMapping("/api/v1/births/codes/defects")
    @Operation(summary = "ICD-10 chapter Q birth defects whose code or label contains q")
    List<CodeLists.Code> defects(@RequestParam(defaultValue = "") String q) {
        return codes.searchDefects(q, 50);
    }

    record Filed(long id, String certificateNumber, String status, String route) {
    }

    record Status(String certificateNumber, String facilityCode, String status, String route, String childNationalId,
                  LocalDate registeredOn, String followUpOutcome) {
    }

    record Correction(BirthRecord record, String reason) {
    }

    record DefectCode(String code) {
    }

    record Reason(String reason) {
    }

    record Registration(String nationalId, LocalDate registeredOn, String registrarOffice) {
    }

    record UnregisteredReport(List<String> certificateNumbers) {
    }

    record Unregistered(List<String> movedToFollowUp) {
    }
}
