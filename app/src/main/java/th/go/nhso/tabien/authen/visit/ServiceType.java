package th.go.nhso.tabien.authen.visit;

/** The kind of visit an authen code is for. */
public enum ServiceType {
    /** Outpatient. */
    OPD,
    /** Inpatient admission. */
    IPD,
    /** Health promotion and prevention. */
    PP
}
