package th.go.nhso.tabien.entitlement;

/**
 * One data line of an agency change file, as the agency wrote it: nothing is interpreted
 * yet. {@code rowNumber} is the line or row number people see in the file (header = 1).
 */
public record FeedRow(int rowNumber, String nationalId, String scheme, String event, String effectiveDate,
                      String facilityCode, String firstName, String lastName, String birthDate) {

    /** The columns of the format, in the order of the example files. */
    public static final java.util.List<String> COLUMNS = java.util.List.of("national_id", "scheme", "event",
            "effective_date", "facility_code", "first_name", "last_name", "birth_date");
}
