package th.go.nhso.tabien.access;

/** What became of one person of a request. */
public enum PersonOutcome {
    REQUESTED, FORWARDED, NOT_FORWARDED, APPROVED, NOT_APPROVED, PROVISIONED
}
