package th.go.nhso.tabien.authen;

/** What a staff account may do; each role is bound to one area (see {@link AreaPolicy}). */
public enum Role {
    /** Hospital or รพ.สต. staff, bound to one facility (hcode). */
    FACILITY_STAFF,
    /** Provincial office approver, bound to one province. */
    PROVINCIAL_APPROVER,
    /** NHSO regional office approver, bound to one region (1–13). */
    REGIONAL_APPROVER,
    /** NHSO IT: everything, everywhere, including Cockpit and the engine API. */
    ADMIN,
    /**
     * A registrar's system (district office, municipality): reports birth registrations by
     * API. It sees no facility's cases.
     */
    REGISTRAR;

    public String authority() {
        return "ROLE_" + name();
    }
}
