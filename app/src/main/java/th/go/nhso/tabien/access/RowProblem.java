package th.go.nhso.tabien.access;

/**
 * One thing wrong with a list of requested people, told in Thai and English. {@code row} and
 * {@code column} are what the user sees: the Excel row number and column header of attachment 1,
 * or the person's number and field label on the web form. Row {@link #WHOLE_FILE} (and a null
 * column) means the whole file is refused (not an xlsx, headers changed, too large...).
 */
public record RowProblem(int row, String column, String messageTh, String messageEn) {

    public static final int WHOLE_FILE = 0;

    public boolean wholeFile() {
        return row == WHOLE_FILE;
    }

    @Override
    public String toString() {
        return (wholeFile() ? "" : "row " + row + " [" + column + "]: ") + messageTh + " / " + messageEn;
    }
}
