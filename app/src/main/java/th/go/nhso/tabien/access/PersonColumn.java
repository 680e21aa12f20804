package th.go.nhso.tabien.access;

/**
 * The person columns of attachment 1, in order, with the Thai header the sheet shows (and
 * {@link RowProblem#column()} names) and an English label. The system columns follow them
 * ({@link RequestedSystem}); {@link #SYSTEMS} names them all at once in a problem.
 */
public enum PersonColumn {
    NUMBER("ลำดับ", "No."),
    NATIONAL_ID("เลขประจำตัวประชาชน", "National ID"),
    TITLE("คำนำหน้า", "Title"),
    FIRST_NAME("ชื่อ", "First name"),
    LAST_NAME("นามสกุล", "Last name"),
    POSITION("ตำแหน่ง", "Position"),
    EMAIL("อีเมล", "E-mail"),
    MOBILE("โทรศัพท์มือถือ", "Mobile phone"),
    /** Not a column of the sheet: the systems as a whole (e.g. none requested). */
    SYSTEMS("ระบบที่ขอใช้", "Systems requested");

    private final String header;
    private final String labelEn;

    PersonColumn(String header, String labelEn) {
        this.header = header;
        this.labelEn = labelEn;
    }

    public String header() {
        return header;
    }

    public String labelEn() {
        return labelEn;
    }
}
