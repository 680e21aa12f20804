package th.go.nhso.tabien.authen.lifecycle;

/** Why NHSO suspends an account (seed 001, case 2); labels in messages-accounts as {@code suspension.reason.*}. */
public enum SuspensionReason {
    /** Abnormal use found by NHSO (พบความผิดปกติในการเข้าใช้งาน). */
    ABNORMAL_USE,
    /** The password was shared with someone else. */
    SHARED_PASSWORD,
    /** The person left the facility. */
    LEFT_FACILITY,
    /** Anything else; the note says what. */
    OTHER
}
