package th.go.nhso.tabien.birth;

/** Where a birth case stands; the API reports these names. */
public enum BirthStatus {
    AWAITING_REGISTRATION, REGISTERED, FOLLOW_UP, CLOSED, CANCELLED;

    boolean isOpen() {
        return this == AWAITING_REGISTRATION || this == FOLLOW_UP;
    }
}
