package th.go.nhso.tabien.authen;

/**
 * What a person may use in NHSO's Data Center, as the seven systems of seed 001 offer it to a
 * รพ.สต.: one role per system, two for New Authentication (check or reserve rights) and two
 * for KTB Health Wallet (exactly one admin per facility). The directory grants each as a
 * realm role named {@link #directoryRole()}.
 */
public enum DataCenterRole {
    INVESTMENT_BUDGET("ระบบจัดการบริหารจัดการงบค่าเสื่อม", "Investment Budget", null),
    NEW_AUTHEN_CHECK("ระบบตรวจสอบและยืนยันการเข้ารับบริการ", "New Authentication", "ตรวจสอบสิทธิ"),
    NEW_AUTHEN_RESERVE("ระบบตรวจสอบและยืนยันการเข้ารับบริการ", "New Authentication", "จองสิทธิ"),
    SEAMLESS_DMIS("Seamless for DMIS (Moph Claim)", "Seamless for DMIS", null),
    E_CLAIM("ระบบบันทึกข้อมูลและประมวลผลข้อมูลทางการแพทย์ E-Claim", "E-Claim", null),
    DRUG_CATALOG("ระบบบริหารจัดการรหัสยามาตรฐาน", "Drug Catalog", null),
    KTB_WALLET_USER("KTB Health Wallet", "KTB Health Wallet", "User"),
    KTB_WALLET_ADMIN("KTB Health Wallet", "KTB Health Wallet", "Admin"),
    OP_PP_RECORD("OP/PP Individual Record", "OP/PP Individual Record", null);

    private final String systemTh;
    private final String systemEn;
    private final String option;

    DataCenterRole(String systemTh, String systemEn, String option) {
        this.systemTh = systemTh;
        this.systemEn = systemEn;
        this.option = option;
    }

    public String systemTh() {
        return systemTh;
    }

    public String systemEn() {
        return systemEn;
    }

    /** The variant within the system (ตรวจสอบสิทธิ / จองสิทธิ, Admin / User), or null. */
    public String option() {
        return option;
    }

    /** The realm role in the directory, e.g. {@code dc-new-authen-check}. */
    public String directoryRole() {
        return "dc-" + name().toLowerCase().replace('_', '-');
    }

    public String labelTh() {
        return option == null ? systemTh : systemTh + " (" + option + ")";
    }

    public String labelEn() {
        return option == null ? systemEn : systemEn + " (" + option + ")";
    }
}
