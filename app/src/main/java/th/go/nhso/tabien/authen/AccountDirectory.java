package th.go.nhso.tabien.authen;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where staff accounts live. The embedded default keeps them in Tabien's own database
 * ({@link LocalAccountDirectory}); production keeps them in Keycloak. Processes provision,
 * suspend, unlock and reset through this interface and never know which one runs.
 */
public interface AccountDirectory {

    Optional<StaffAccount> find(String username);

    List<StaffAccount> accountsOfFacility(String hcode);

    /** Everybody holding a Tabien role, e.g. the approvers to remind; approvers are few. */
    List<StaffAccount> accountsInRole(Role role);

    /**
     * The accounts bound to a person's PID, for "forgot password" by PID. The default finds
     * none: a directory that can search by PID (the embedded store; Keycloak by its
     * {@code nationalId} attribute) overrides it.
     */
    default List<StaffAccount> findByNationalId(String nationalId) {
        return List.of();
    }

    /**
     * Creates the account, or updates its names, e-mail, role, area and Data Center roles if it
     * exists (the password of an existing account is left alone, so a retried provisioning
     * never resets it); returns it.
     */
    StaffAccount createOrUpdate(NewAccount account, String initialPassword);

    void recordLogin(String username);

    /** NHSO suspends an account for abnormal use. */
    void suspend(String username);

    /** Locks an account nobody has used for longer than tabien.accounts.inactivity-lock. */
    void lockInactive(String username);

    /** Lifts a suspension or an inactivity lock. */
    void unlock(String username);

    /** Sets a temporary password the user must replace at the next login. */
    void resetPassword(String username, String temporaryPassword);

    /** The user's own new password; clears the "new password required" mark. */
    void changePassword(String username, String newPassword);

    record NewAccount(String username, String nationalId, String firstName, String lastName, String email, Role role,
                      String facilityCode, String provinceCode, Integer region, Set<DataCenterRole> dataCenterRoles) {

        public NewAccount {
            dataCenterRoles = dataCenterRoles == null ? Set.of() : Set.copyOf(dataCenterRoles);
        }

        /** A Tabien staff account known by one display name and no Data Center roles. */
        public NewAccount(String username, String nationalId, String displayName, String email, Role role,
                          String facilityCode, String provinceCode, Integer region) {
            this(username, nationalId, displayName, null, email, role, facilityCode, provinceCode, region, Set.of());
        }

        public String displayName() {
            return lastName == null || lastName.isBlank() ? firstName : firstName + " " + lastName;
        }
    }
}
