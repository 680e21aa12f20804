package th.go.nhso.tabien.documents;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Everything the birth certificate (หนังสือรับรองการเกิด) prints, already in the words it
 * prints them in: the birth process fills it, {@link BirthCertificatePdf} lays it out.
 * Labels are Thai; codes stay codes (Q90.9, THA).
 */
public record BirthCertificateDocument(
        String certificateNumber,
        LocalDate issuedOn,
        String facilityCode,
        String facilityName,
        String provinceName,
        // 1. child
        String childFirstName,
        String childLastName,
        String childSex,
        OffsetDateTime birthDateTime,
        String placeOfBirth,
        int plurality,
        int birthOrder,
        Integer weightGrams,
        Integer gestationalAgeWeeks,
        // 2. family status
        Parent mother,
        Parent father,
        String familyStatus,
        // 3. birth attendant
        String attendantType,
        String attendantName,
        // 4. birth defects, as "Q90.9 กลุ่มอาการดาวน์ ไม่ระบุรายละเอียด"; empty means "none"
        List<String> birthDefects,
        // 5. mother's illnesses during pregnancy; empty means "none"
        List<String> motherIllnesses,
        // 6. other items
        String notes,
        String informant) {

    /** A parent as printed: {@code idLabel} is "เลขประจำตัวประชาชน 1-2345-..." or "หนังสือเดินทาง AB123". */
    public record Parent(String idLabel, String firstName, String lastName, String nationality, LocalDate birthDate,
                         String provinceName) {
    }
}
