package th.go.nhso.tabien.birth;

import java.time.LocalDate;

import org.springframework.stereotype.Component;

import th.go.nhso.tabien.authen.AccountDirectory;
import th.go.nhso.tabien.authen.StaffAccount;
import th.go.nhso.tabien.birth.BirthCaseRepository.FollowUpTerms;
import th.go.nhso.tabien.registry.NationalId;
import th.go.nhso.tabien.registry.Person;
import th.go.nhso.tabien.registry.Registry;
import th.go.nhso.tabien.registry.Scheme;
import th.go.nhso.tabien.system.MailOutbox;
import th.go.nhso.tabien.system.ThaiDates;

/** The work behind the birth process's service tasks; the delegates only pass ids in. */
@Component
class BirthSteps {

    static final String UNNAMED = "(ยังไม่ตั้งชื่อ)";

    private final BirthCaseRepository cases;
    private final BirthDefectRegistry defects;
    private final Registry registry;
    private final AccountDirectory accounts;
    private final MailOutbox mail;

    BirthSteps(BirthCaseRepository cases, BirthDefectRegistry defects, Registry registry, AccountDirectory accounts,
               MailOutbox mail) {
        this.cases = cases;
        this.defects = defects;
        this.registry = registry;
        this.accounts = accounts;
        this.mail = mail;
    }

    void reportDefects(long caseId) {
        BirthCase c = cases.findById(caseId).orElseThrow(() -> new IllegalStateException("No birth case " + caseId));
        defects.reportFromNotification(caseId, c.facilityCode(), c.filedBy());
    }

    /** The case moves to follow-up; returns the terms it was filed with. */
    FollowUpTerms openFollowUp(String certificateNumber) {
        cases.setStatus(certificateNumber, BirthStatus.FOLLOW_UP);
        return cases.followUpTerms(certificateNumber);
    }

    void remindFollowUp(String certificateNumber) {
        BirthCase c = byNumber(certificateNumber);
        for (StaffAccount staff : accounts.accountsOfFacility(c.facilityCode())) {
            if (staff.email() != null && !staff.suspended()) {
                mail.enqueue(staff.email(), "ติดตามเด็กที่ยังไม่ได้รับสูติบัตร: " + c.certificateNumber(),
                        "เรียน " + staff.displayName() + "\n\nเด็กตามหนังสือรับรองการเกิดเลขที่ " + c.certificateNumber()
                                + " (เกิด " + ThaiDates.format(birthDay(c), ThaiDates.THAI)
                                + ") ยังไม่ได้รับสูติบัตร กรุณาติดตามและบันทึกผลในระบบทะเบียน\n\nระบบทะเบียน สปสช.");
            }
        }
    }

    /** A Thai child: into the registry (or linked to the entry its PID already has) with UC at the birth facility. */
    void registerThaiChild(String certificateNumber, String childNationalId, LocalDate registeredOn, String office) {
        BirthCase c = byNumber(certificateNumber);
        Person child = findOrRegister(c, new NationalId(childNationalId), BirthRecord.THAI);
        // a child the registry already knows keeps the rights it has
        if (registry.entitlementsOf(child).isEmpty()) {
            registry.recordEntitlement(child, Scheme.UC, birthDay(c), null, "NHSO", c.facilityCode());
        }
        finishRegistration(c, child, registeredOn, office);
    }

    /** A foreign child: into the registry as a foreigner, without UC; the PID may not exist yet. */
    void registerForeignChild(String certificateNumber, String childNationalId, LocalDate registeredOn, String office) {
        BirthCase c = byNumber(certificateNumber);
        BirthRecord.Parent mother = c.record().mother();
        String nationality = !BirthRecord.THAI.equals(mother.nationality()) ? mother.nationality()
                : c.record().father().nationality();
        Person child = childNationalId == null ? register(c, null, nationality)
                : findOrRegister(c, new NationalId(childNationalId), nationality);
        finishRegistration(c, child, registeredOn, office);
    }

    private void finishRegistration(BirthCase c, Person child, LocalDate registeredOn, String office) {
        cases.recordRegistration(c.caseId(), child.nationalId(), child.personId(), registeredOn, office);
        if (!c.record().birthDefects().isEmpty()) {
            defects.linkPerson(c.caseId(), child.personId());
        }
    }

    private Person findOrRegister(BirthCase c, NationalId pid, String nationality) {
        return registry.findPerson(pid).orElseGet(() -> register(c, pid, nationality));
    }

    private Person register(BirthCase c, NationalId pid, String nationality) {
        BirthRecord.Child child = c.record().child();
        String title = switch (child.sex()) {
            case "M" -> "เด็กชาย";
            case "F" -> "เด็กหญิง";
            default -> null;
        };
        String province = c.record().mother().provinceCode() != null ? c.record().mother().provinceCode()
                : registry.findFacility(c.facilityCode()).orElseThrow().provinceCode();
        return registry.registerPerson(new Registry.NewPerson(pid, title,
                child.firstName() == null ? UNNAMED : child.firstName(),
                child.lastName() == null ? c.record().mother().lastName() : child.lastName(),
                child.sex(), birthDay(c), nationality, province, null));
    }

    void closeFollowUp(String certificateNumber) {
        cases.setStatus(certificateNumber, BirthStatus.CLOSED);
    }

    void cancel(String certificateNumber, String reason) {
        cases.cancel(certificateNumber, reason);
    }

    private BirthCase byNumber(String certificateNumber) {
        return cases.find(certificateNumber).orElseThrow(() -> new IllegalStateException("No birth case " + certificateNumber));
    }

    private static LocalDate birthDay(BirthCase c) {
        return c.record().child().birthDateTime().atZoneSameInstant(ThaiDates.BANGKOK).toLocalDate();
    }
}
