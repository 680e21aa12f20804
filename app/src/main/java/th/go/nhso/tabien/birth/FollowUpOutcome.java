package th.go.nhso.tabien.birth;

/** How staff close the follow-up of a birth that got no registration. */
public enum FollowUpOutcome {
    /** The family moved away; the child is followed up elsewhere. */
    MOVED_AWAY,
    /** The child died. */
    DIED,
    /** The child was registered at another office: the PID comes with it. */
    REGISTERED_ELSEWHERE
}
