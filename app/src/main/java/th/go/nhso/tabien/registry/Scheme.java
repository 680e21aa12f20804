package th.go.nhso.tabien.registry;

/** Health-insurance schemes (สิทธิ) a person can hold. */
public enum Scheme {
    /** Universal coverage (บัตรทอง), the only scheme with a main facility. */
    UC,
    /** Social security (ประกันสังคม). */
    SSS,
    /** Civil servants and their dependants (ข้าราชการ). */
    OFC,
    /** Local government officials (อปท.). */
    LGO,
    /** State enterprise employees (รัฐวิสาหกิจ). */
    SOE,
    /** Foreigners and migrant workers (คนต่างด้าว). */
    FOREIGN,
    /** No right at all (สิทธิว่าง): what continuous registration is meant to prevent. */
    VOID
}
