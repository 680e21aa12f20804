package th.go.nhso.tabien.authen;

/** Why a user with the right password still cannot get in (seed 001's four cases). */
public enum LoginRefusal {
    /** No login for more than 180 days (tabien.accounts.inactivity-lock). */
    INACTIVE,
    /** Suspended by NHSO for abnormal use. */
    SUSPENDED,
    /** A scheduled maintenance window is open. */
    MAINTENANCE,
    /** The password was reset and the user has not set a new one yet. */
    NEW_PASSWORD_REQUIRED
}
