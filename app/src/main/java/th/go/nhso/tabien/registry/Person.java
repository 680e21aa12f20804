package th.go.nhso.tabien.registry;

import java.time.LocalDate;

/**
 * The minimum core set of a person, shared by every process. {@code nationalId} is null for
 * a foreigner who has no PID yet; {@code personId} is then the registry's own key.
 */
public record Person(long personId, String nationalId, String titleTh, String firstNameTh, String lastNameTh,
                     String sex, LocalDate birthDate, String nationality, String provinceCode, LocalDate deathDate) {

    public boolean alive() {
        return deathDate == null;
    }

    public String fullNameTh() {
        return (titleTh == null ? "" : titleTh) + firstNameTh + " " + lastNameTh;
    }
}
