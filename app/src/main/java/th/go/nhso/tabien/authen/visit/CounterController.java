package th.go.nhso.tabien.authen.visit;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

import th.go.nhso.tabien.authen.StaffUser;
import th.go.nhso.tabien.authen.visit.card.CardReader;
import th.go.nhso.tabien.authen.visit.card.ThaiIdCard;
import th.go.nhso.tabien.registry.NationalId;
import th.go.nhso.tabien.registry.Registry;
import th.go.nhso.tabien.system.BilingualMessages;
import th.go.nhso.tabien.system.TabienException;
import th.go.nhso.tabien.system.ThaiDates;

/**
 * The counter screen (staff) and the kiosk (patients): card or typed PID + phone → the
 * authen code, large enough to read across a counter.
 */
@Controller
class CounterController {

    private final AuthenCodes codes;
    private final Registry registry;
    private final CardReader cardReader;
    private final BilingualMessages messages;
    private final Clock clock;

    CounterController(AuthenCodes codes, Registry registry, CardReader cardReader, BilingualMessages messages, Clock clock) {
        this.codes = codes;
        this.registry = registry;
        this.cardReader = cardReader;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/counter")
    String counter(StaffUser user, @RequestParam(required = false) String nationalId, Model model) {
        model.addAttribute("nationalId", nationalId);
        if (nationalId != null && NationalId.isValid(nationalId.replaceAll("[\\s-]", ""))) {
            codes.lastPhone(user, NationalId.parse(nationalId)).ifPresent(phone -> model.addAttribute("phone", phone));
        }
        return page(user, model);
    }

    @PostMapping("/counter")
    String issue(StaffUser user, @RequestParam String nationalId, @RequestParam String phone,
                 @RequestParam String serviceType, @RequestParam(required = false) String referNo,
                 @RequestParam(required = false) String primaryFacilityCode,
                 @RequestParam(required = false) String referFacilityCode, Model model) {
        model.addAttribute("nationalId", nationalId);
        model.addAttribute("phone", phone);
        try {
            AuthenCodes.Issued issued = codes.issue(user, new AuthenCodes.AuthenRequest(nationalId, phone, serviceType,
                    user.facilityCode(), referNo, primaryFacilityCode, referFacilityCode));
            model.addAttribute("issued", issued);
            model.addAttribute("mainFacility", issued.code().mainFacilityCode() == null ? null
                    : registry.findFacility(issued.code().mainFacilityCode()).orElse(null));
        } catch (TabienException e) {
            model.addAttribute("problem", messages.resolve(e));
        }
        return page(user, model);
    }

    private String page(StaffUser user, Model model) {
        model.addAttribute("today", codes.ofDay(user, user.facilityCode(), today()));
        model.addAttribute("figures", codes.figures(user.facilityCode()));
        model.addAttribute("readerPresent", cardReader.readerPresent());
        return "authen/counter";
    }

    /** The day's codes as CSV (UTF-8 with BOM, so Excel shows the Thai right). */
    @GetMapping("/counter/codes.csv")
    ResponseEntity<byte[]> export(StaffUser user, @RequestParam(required = false) LocalDate date) {
        LocalDate day = date == null ? today() : date;
        StringBuilder csv = new StringBuilder("\uFEFFauthen_code,national_id,service_type,scheme,main_facility_code,phone,refer_no,issued_at\r\n");
        for (AuthenCode c : codes.ofDay(user, user.facilityCode(), day)) {
            csv.append(String.join(",", c.authenCode(), c.nationalId(), c.serviceType(), c.scheme(),
                    nullToEmpty(c.mainFacilityCode()), c.phone(), nullToEmpty(c.referNo()), c.issuedAt().toString())).append("\r\n");
        }
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("authen-" + user.facilityCode() + "-" + day + ".csv").build().toString())
                .body(csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Reads the card in a reader attached to this machine; 404 when there is no reader or card. */
    @GetMapping("/counter/card")
    @ResponseBody
    ResponseEntity<ThaiIdCard> card() {
        return cardReader.read().map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.notFound().build());
    }

    @GetMapping("/kiosk")
    String kiosk() {
        return "authen/kiosk";
    }

    @PostMapping("/kiosk")
    String kioskIssue(StaffUser user, @RequestParam String nationalId, @RequestParam String phone, Model model) {
        try {
            AuthenCodes.Issued issued = codes.issue(user, new AuthenCodes.AuthenRequest(nationalId, phone, "OPD",
                    user.facilityCode(), null, null, null));
            model.addAttribute("code", issued.code().authenCode());
        } catch (TabienException e) {
            model.addAttribute("problem", messages.resolve(e));
        }
        return "authen/kiosk";
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ThaiDates.BANGKOK));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
