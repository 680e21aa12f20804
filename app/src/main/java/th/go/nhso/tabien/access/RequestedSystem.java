package th.go.nhso.tabien.access;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import th.go.nhso.tabien.authen.DataCenterRole;

/**
 * The seven systems of seed 001 as attachment 1 shows them: one column each, a person picks at
 * most one choice per system. A system with a single role is chosen with {@link #REQUESTED}
 * ("ขอใช้"); New Authentication offers ตรวจสอบสิทธิ or จองสิทธิ, KTB Health Wallet Admin or User.
 */
public enum RequestedSystem {
    INVESTMENT_BUDGET(DataCenterRole.INVESTMENT_BUDGET),
    NEW_AUTHENTICATION(DataCenterRole.NEW_AUTHEN_CHECK, DataCenterRole.NEW_AUTHEN_RESERVE),
    SEAMLESS_DMIS(DataCenterRole.SEAMLESS_DMIS),
    E_CLAIM(DataCenterRole.E_CLAIM),
    DRUG_CATALOG(DataCenterRole.DRUG_CATALOG),
    KTB_HEALTH_WALLET(DataCenterRole.KTB_WALLET_ADMIN, DataCenterRole.KTB_WALLET_USER),
    OP_PP_RECORD(DataCenterRole.OP_PP_RECORD);

    /** The one choice of a system that has a single role. */
    public static final String REQUESTED = "ขอใช้";

    private final List<DataCenterRole> roles;

    RequestedSystem(DataCenterRole... roles) {
        this.roles = List.of(roles);
    }

    public List<DataCenterRole> roles() {
        return roles;
    }

    /** The column header: the Thai name, with the English name when the Thai one lacks it. */
    public String header() {
        DataCenterRole first = roles.get(0);
        return first.systemTh().contains(first.systemEn()) ? first.systemTh()
                : first.systemTh() + " (" + first.systemEn() + ")";
    }

    public String nameEn() {
        return roles.get(0).systemEn();
    }

    /** What the drop-down list offers, e.g. [ขอใช้] or [ตรวจสอบสิทธิ, จองสิทธิ]. */
    public List<String> choices() {
        return roles.size() == 1 ? List.of(REQUESTED) : roles.stream().map(DataCenterRole::option).toList();
    }

    /** The role a cell's choice stands for (case and surrounding blanks ignored), empty when unknown. */
    public Optional<DataCenterRole> roleFor(String choice) {
        if (choice == null) {
            return Optional.empty();
        }
        String typed = choice.strip().toLowerCase(Locale.ROOT);
        for (int i = 0; i < roles.size(); i++) {
            if (choices().get(i).toLowerCase(Locale.ROOT).equals(typed)) {
                return Optional.of(roles.get(i));
            }
        }
        return Optional.empty();
    }

    /** The cell text for a role of this system. */
    public String choiceFor(DataCenterRole role) {
        int i = roles.indexOf(role);
        if (i < 0) {
            throw new IllegalArgumentException(role + " is not a role of " + this);
        }
        return choices().get(i);
    }

    public static RequestedSystem of(DataCenterRole role) {
        return Arrays.stream(values()).filter(s -> s.roles.contains(role)).findFirst().orElseThrow();
    }

    /** The roles a person asked for within this system (more than one is a mistake the check reports). */
    List<DataCenterRole> requestedBy(RequestedPerson person) {
        List<DataCenterRole> asked = new ArrayList<>();
        for (DataCenterRole role : roles) {
            if (person.roles().contains(role)) {
                asked.add(role);
            }
        }
        return asked;
    }
}
