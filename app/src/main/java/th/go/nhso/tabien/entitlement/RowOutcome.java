package th.go.nhso.tabien.entitlement;

/** What became of one row, with the reason (a message code and one argument) when not applied. */
record RowOutcome(int rowNumber, String nationalId, String scheme, String event, Outcome outcome, String reasonCode,
                  String reasonArg) {

    enum Outcome { APPLIED, NO_OP, CONFLICT, REJECTED }
}
