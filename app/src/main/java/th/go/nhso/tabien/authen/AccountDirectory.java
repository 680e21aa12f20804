package th.go.nhso.tabien.authen;

import java.util.List;
import java.util.Optional;

/**
 * Where staff accounts live. The embedded default keeps them in Tabien's own database
 * ({@link LocalAccountDirectory}); production keeps them in Keycloak. Processes provision,
 * suspend, unlock and reset through this interface and never know which one runs.
 */
public interface AccountDirectory {

    Optional<StaffAccount> find(String username);

    List<StaffAccount> accountsOfFacility(String hcode);

    /** Creates the account, or updates its names, role and area if it exists; returns it. */
    StaffAccount createOrUpdate(NewAccount account, String initialPassword);

    void recordLogin(String username);

    /** NHSO suspends an account for abnormal use. */
    void suspend(String username);

    /** Lifts a suspension or an inactivity lock. */
    void unlock(String username);

    /** Sets a temporary password the user must replace at the next login. */
    void resetPassword(String username, String temporaryPassword);

    /** The user's own new password; clears the "new password required" mark. */
    void changePassword(String username, String newPassword);

    record NewAccount(String username, String nationalId, String displayName, String email, Role role,
                      String facilityCode, String provinceCode, Integer region) {
    }
}
