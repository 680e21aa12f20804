package th.go.nhso.tabien.authen;

import java.time.OffsetDateTime;
import java.util.Set;

/** An account in a directory, bound to one person's PID. */
public record StaffAccount(String username, String nationalId, String displayName, String email, Role role,
                           String facilityCode, String provinceCode, Integer region, boolean suspended,
                           boolean inactivityLocked, boolean passwordChangeRequired, OffsetDateTime lastLoginAt,
                           OffsetDateTime unlockedAt, OffsetDateTime createdAt, Set<DataCenterRole> dataCenterRoles) {

    public StaffAccount {
        dataCenterRoles = dataCenterRoles == null ? Set.of() : Set.copyOf(dataCenterRoles);
    }

    public StaffUser asStaffUser() {
        return new StaffUser(username, displayName, role, facilityCode, provinceCode, region);
    }

    /** The last sign of life the inactivity lock counts from: a login, an unlock or the account's creation. */
    public OffsetDateTime lastActivity() {
        OffsetDateTime last = createdAt;
        if (lastLoginAt != null && lastLoginAt.isAfter(last)) {
            last = lastLoginAt;
        }
        if (unlockedAt != null && unlockedAt.isAfter(last)) {
            last = unlockedAt;
        }
        return last;
    }
}
