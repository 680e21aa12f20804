package th.go.nhso.tabien.authen.visit.card;

import java.time.LocalDate;

/**
 * What the counter reads from a patient's Thai national ID smart card, already decoded:
 * Thai and English names split into their parts, dates in the Christian era.
 *
 * @param nationalId   the 13-digit citizen ID; its check digit has been verified
 * @param middleNameTh empty when the person has none (as are the other name parts the card leaves blank)
 * @param birthDate    null only when the card holds no birth date at all
 * @param sex          "M" or "F"; null when the card holds neither code
 * @param address      the registered address in Thai, its parts joined with single spaces
 * @param issueDate    null when the card holds none
 * @param expiryDate   null when the card holds none or never expires
 */
public record ThaiIdCard(String nationalId, String titleTh, String firstNameTh, String middleNameTh,
        String lastNameTh, String titleEn, String firstNameEn, String middleNameEn, String lastNameEn,
        LocalDate birthDate, String sex, String address, LocalDate issueDate, LocalDate expiryDate) {

    /** Only the last digits: personal data must not reach the logs by accident (PDPA). */
    @Override
    public String toString() {
        String shown = nationalId == null || nationalId.length() < 4 ? "" : nationalId.substring(nationalId.length() - 4);
        return "ThaiIdCard[nationalId=*********" + shown + "]";
    }
}
