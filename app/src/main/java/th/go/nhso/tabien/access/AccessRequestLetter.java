package th.go.nhso.tabien.access;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.stereotype.Component;

import th.go.nhso.tabien.documents.OfficialLetter;
import th.go.nhso.tabien.documents.OfficialLetterPdf;
import th.go.nhso.tabien.registry.Facility;

/**
 * The official letter of a Data Center account request (seed 001, step 1.1): from the
 * facility's director to the director of the NHSO regional office, through the provincial
 * office the facility reports to, asking for user names and passwords for the people of
 * attachment 1, whose list follows the letter on its own page. The facility prints it, the
 * director signs it, and the signed scan comes back through {@link SignedScan}.
 */
@Component
public class AccessRequestLetter {

    public static final String SUBJECT = "ขอรับชื่อผู้ใช้งานและรหัสผ่านเข้าใช้งานระบบ Data Center ของ สปสช.";
    static final String ATTACHMENT_ONE = "เอกสารแนบ 1 รายชื่อผู้ขอเข้าใช้งานระบบ";

    /** The city each NHSO regional office (เขต 1–13) is named after. */
    private static final Map<Integer, String> REGION_SEATS = Map.ofEntries(
            Map.entry(1, "เชียงใหม่"), Map.entry(2, "พิษณุโลก"), Map.entry(3, "นครสวรรค์"), Map.entry(4, "สระบุรี"),
            Map.entry(5, "ราชบุรี"), Map.entry(6, "ระยอง"), Map.entry(7, "ขอนแก่น"), Map.entry(8, "อุดรธานี"),
            Map.entry(9, "นครราชสีมา"), Map.entry(10, "อุบลราชธานี"), Map.entry(11, "สุราษฎร์ธานี"),
            Map.entry(12, "สงขลา"), Map.entry(13, "กรุงเทพมหานคร"));

    private final OfficialLetterPdf pdf;

    public AccessRequestLetter(OfficialLetterPdf pdf) {
        this.pdf = pdf;
    }

    /** The letter as a PDF, ready to print and sign. */
    public byte[] render(Request request) {
        return pdf.render(letter(request));
    }

    /** The content of the letter. */
    public OfficialLetter letter(Request request) {
        Facility facility = request.facility();
        List<RequestedPerson> people = request.people();
        List<String> address = new ArrayList<>();
        address.add(facility.nameTh());
        address.addAll(request.facilityAddress());
        String director = request.directorPosition() != null ? request.directorPosition()
                : "ผู้อำนวยการ" + facility.nameTh();
        List<String> paragraphs = List.of(
                "ด้วย" + facility.nameTh() + " (รหัสหน่วยบริการ " + facility.hcode() + ") มีความประสงค์ขอรับชื่อผู้ใช้งาน"
                        + " (Username) และรหัสผ่าน (Password) เพื่อเข้าใช้งานระบบ Data Center ของสำนักงานหลักประกันสุขภาพแห่งชาติ"
                        + " สำหรับเจ้าหน้าที่ผู้ปฏิบัติงาน จำนวน " + people.size() + " ราย ตามรายชื่อและระบบที่ขอใช้ในเอกสารแนบ 1"
                        + " พร้อมนี้ได้แนบสำเนาบัตรประชาชนของผู้ขอเข้าใช้งานระบบมาด้วยแล้ว",
                "จึงเรียนมาเพื่อโปรดพิจารณาดำเนินการ และแจ้งชื่อผู้ใช้งานและรหัสผ่านทางไปรษณีย์อิเล็กทรอนิกส์"
                        + "ของผู้ขอเข้าใช้งานแต่ละรายต่อไป จะขอบคุณยิ่ง");
        List<String> enclosures = List.of(
                ATTACHMENT_ONE + " จำนวน 1 ชุด",
                "สำเนาบัตรประชาชนของผู้ขอเข้าใช้งานระบบ จำนวน " + people.size() + " ฉบับ");
        return new OfficialLetter(request.referenceNumber(), address, request.date(), SUBJECT,
                addressee(facility.region()), via(request, facility), List.of(), enclosures, paragraphs,
                new OfficialLetter.Signature(request.directorName(), director), request.contact(), table(facility, people));
    }

    /** ผู้อำนวยการสำนักงานหลักประกันสุขภาพแห่งชาติ เขต 7 ขอนแก่น */
    static String addressee(int region) {
        String seat = REGION_SEATS.get(region);
        return "ผู้อำนวยการสำนักงานหลักประกันสุขภาพแห่งชาติ เขต " + region + (seat == null ? "" : " " + seat);
    }

    /**
     * The head of the office the facility reports to, who forwards the request (seed 001, step
     * 2): นายแพทย์สาธารณสุขจังหวัด for a provincial health office, นายกองค์การบริหารส่วนจังหวัด
     * for a รพ.สต. transferred to the provincial administration; otherwise the office itself.
     */
    static String via(Request request, Facility facility) {
        if (request.via() != null) {
            return request.via().isBlank() ? null : request.via();
        }
        String office = facility.parentOrg();
        if (office == null || office.isBlank()) {
            return null;
        }
        if (office.startsWith("สำนักงานสาธารณสุขจังหวัด")) {
            return "นายแพทย์สาธารณสุขจังหวัด" + office.substring("สำนักงานสาธารณสุขจังหวัด".length());
        }
        if (office.startsWith("องค์การบริหารส่วนจังหวัด")) {
            return "นายกองค์การบริหารส่วนจังหวัด" + office.substring("องค์การบริหารส่วนจังหวัด".length());
        }
        return office;
    }

    private static OfficialLetter.Table table(Facility facility, List<RequestedPerson> people) {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < people.size(); i++) {
            RequestedPerson person = people.get(i);
            rows.add(List.of(String.valueOf(i + 1), person.fullName(), Objects.toString(person.position(), ""),
                    person.systemsTh()));
        }
        return new OfficialLetter.Table(ATTACHMENT_ONE + " ของ" + facility.nameTh() + " (" + facility.hcode() + ")",
                List.of("ลำดับ", "ชื่อ-นามสกุล", "ตำแหน่ง", "ระบบที่ขอ"), List.of(0.1f, 0.28f, 0.26f, 0.36f), rows);
    }

    /**
     * What the letter needs besides the facility and its people.
     *
     * @param referenceNumber   ที่ of the facility's outgoing letter; blank to fill in by hand
     * @param facilityAddress   the lines under the facility's name, top right
     * @param directorName      printed under the signature, e.g. นายแพทย์สมศักดิ์ ใจดี
     * @param directorPosition  null for ผู้อำนวยการ + the facility's name
     * @param via               null to go through the facility's provincial office, blank for none
     * @param contact           the facility's unit responsible, with phone and e-mail
     */
    public record Request(Facility facility, String referenceNumber, List<String> facilityAddress, LocalDate date,
                          String directorName, String directorPosition, String via, OfficialLetter.Contact contact,
                          List<RequestedPerson> people) {
        public Request {
            Objects.requireNonNull(facility, "facility");
            Objects.requireNonNull(date, "date");
            facilityAddress = facilityAddress == null ? List.of() : List.copyOf(facilityAddress);
            people = List.copyOf(people);
        }
    }
}
