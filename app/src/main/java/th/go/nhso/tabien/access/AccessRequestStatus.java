package th.go.nhso.tabien.access;

/** Where a request is; the facility sees it at every step. */
public enum AccessRequestStatus {
    /** The facility is still preparing it. */
    DRAFT,
    /** Waiting for the provincial office to verify. */
    AT_PROVINCE,
    /** Sent back to the facility to correct. */
    RETURNED,
    /** Waiting for the regional NHSO office to approve. */
    AT_REGION,
    /** Approved; accounts are being created. */
    PROVISIONING,
    /** Every approved account exists and its person was e-mailed. */
    DONE,
    REJECTED
}
