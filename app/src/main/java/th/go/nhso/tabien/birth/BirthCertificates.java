package th.go.nhso.tabien.birth;

import java.util.Map;

import org.springframework.stereotype.Component;

import th.go.nhso.tabien.documents.BirthCertificateDocument;
import th.go.nhso.tabien.documents.BirthCertificatePdf;
import th.go.nhso.tabien.registry.Facility;
import th.go.nhso.tabien.registry.NationalId;
import th.go.nhso.tabien.registry.Registry;
import th.go.nhso.tabien.system.ThaiDates;

/** Turns a birth case into the printed certificate, with every code said in Thai words. */
@Component
class BirthCertificates {

    static final Map<String, String> SEX = Map.of("M", "ชาย", "F", "หญิง", "U", "ไม่ระบุ");
    static final Map<String, String> PLACE = Map.of("FACILITY", "ในสถานพยาบาล", "HOME", "ที่บ้าน", "OTHER", "อื่น ๆ");
    static final Map<String, String> FAMILY = Map.of("MARRIED", "สมรส", "UNMARRIED", "ไม่ได้สมรส", "DIVORCED", "หย่า",
            "WIDOWED", "หม้าย", "UNKNOWN", "ไม่ทราบ");
    static final Map<String, String> ATTENDANT = Map.of("PHYSICIAN", "แพทย์", "NURSE", "พยาบาล", "MIDWIFE", "ผดุงครรภ์",
            "OTHER", "อื่น ๆ");

    private final BirthCertificatePdf pdf;
    private final Registry registry;
    private final CodeLists codes;

    BirthCertificates(BirthCertificatePdf pdf, Registry registry, CodeLists codes) {
        this.pdf = pdf;
        this.registry = registry;
        this.codes = codes;
    }

    byte[] render(BirthCase c) {
        return pdf.render(document(c));
    }

    BirthCertificateDocument document(BirthCase c) {
        BirthRecord r = c.record();
        Facility facility = registry.findFacility(c.facilityCode()).orElseThrow();
        return new BirthCertificateDocument(c.certificateNumber(), c.filedAt().atZoneSameInstant(ThaiDates.BANGKOK).toLocalDate(),
                facility.hcode(), facility.nameTh(), facility.provinceNameTh(),
                r.child().firstName(), r.child().lastName(), SEX.get(r.child().sex()), r.child().birthDateTime(),
                PLACE.get(r.child().placeOfBirth()), r.child().plurality(), r.child().birthOrder(),
                r.child().weightGrams(), r.child().gestationalAgeWeeks(),
                parent(r.mother()), r.father() == null ? null : parent(r.father()),
                FAMILY.get(r.familyStatus()), ATTENDANT.get(r.attendant().type()), r.attendant().name(),
                r.birthDefects().stream().map(code -> codes.defect(code).display()).toList(),
                r.motherIllnesses().stream().map(code -> codes.illness(code).display()).toList(),
                r.other().notes(), r.other().informant());
    }

    private BirthCertificateDocument.Parent parent(BirthRecord.Parent p) {
        String id = p.nationalId() != null ? "เลขประจำตัวประชาชน " + new NationalId(p.nationalId()).formatted()
                : p.passportNumber() != null ? "หนังสือเดินทาง/เลขประจำตัวคนต่างด้าว " + p.passportNumber() : "ไม่มีเลขประจำตัว";
        String province = p.provinceCode() == null ? null : registry.findProvince(p.provinceCode()).map(x -> x.nameTh()).orElse(null);
        return new BirthCertificateDocument.Parent(id, p.firstName(), p.lastName(), p.nationality(), p.birthDate(), province);
    }
}
