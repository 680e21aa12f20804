package th.go.nhso.tabien.access;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

import th.go.nhso.tabien.authen.DataCenterRole;

/** A Data Center account request as its pages and API show it. */
public record AccessRequest(long requestId, String facilityCode, String facilityName, String provinceCode, int region,
                            AccessRequestStatus status, String letterReference, String createdBy,
                            OffsetDateTime createdAt, OffsetDateTime submittedAt, OffsetDateTime receivedAt,
                            OffsetDateTime closedAt, OffsetDateTime escalatedAt, String returnReason) {

    public boolean editableByFacility() {
        return status == AccessRequestStatus.DRAFT || status == AccessRequestStatus.RETURNED;
    }

    /** One person of the request, with the outcome so far. */
    public record Line(int lineNo, RequestedPerson person, PersonOutcome outcome, String outcomeReason,
                       OffsetDateTime provisionedAt) {

        public Set<DataCenterRole> roles() {
            return person.roles();
        }
    }

    /** One step of the request's history. */
    public record Event(OffsetDateTime occurredAt, String actor, String step, String detail) {
    }

    /** The request with its people and history, for the case page; {@code provisioningTrouble} null unless provisioning failed. */
    public record Details(AccessRequest request, List<Line> lines, List<Event> history, boolean hasSignedScan,
                          boolean hasAttachment, ProvisioningTrouble provisioningTrouble) {
    }

    /**
     * Provisioning failed (directory or database out of reach): {@code retriesLeft} more tries, the
     * next at {@code nextTryAt}; with {@code incident} the tries ran out and an admin must retry it.
     */
    public record ProvisioningTrouble(int retriesLeft, OffsetDateTime nextTryAt, boolean incident) {
    }
}
