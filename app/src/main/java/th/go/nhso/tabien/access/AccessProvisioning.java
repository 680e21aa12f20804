package th.go.nhso.tabien.access;

import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import th.go.nhso.tabien.authen.AccountDirectory;
import th.go.nhso.tabien.authen.AccountDirectory.NewAccount;
import th.go.nhso.tabien.authen.AuditTrail;
import th.go.nhso.tabien.authen.DataCenterRole;
import th.go.nhso.tabien.authen.Role;
import th.go.nhso.tabien.authen.StaffAccount;
import th.go.nhso.tabien.authen.lifecycle.AccountActivity;
import th.go.nhso.tabien.system.TabienProperties;

/**
 * Task_ProvisionAccounts: each approved person gets their account in the directory and an
 * e-mail. A person is done in transactions of their own and marked PROVISIONED with the
 * e-mail queued in the same transaction, so when the directory fails on the third person the
 * job's retry skips the first two, and a person whose account was created just before a
 * failure gets a fresh temporary password instead of a second account.
 */
@Component
class AccessProvisioning {

    private static final char[] PASSWORD_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();

    private final AccessRequests requests;
    private final AccountDirectory directory;
    private final AccessMail mail;
    private final AuditTrail audit;
    private final AccountActivity activity;
    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final int passwordLength;
    private final SecureRandom random = new SecureRandom();

    AccessProvisioning(AccessRequests requests, AccountDirectory directory, AccessMail mail, AuditTrail audit,
                       AccountActivity activity, JdbcClient jdbc, PlatformTransactionManager transactions, TabienProperties properties) {
        this.requests = requests;
        this.directory = directory;
        this.mail = mail;
        this.audit = audit;
        this.activity = activity;
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.passwordLength = properties.access().initialPasswordLength();
    }

    void provision(long requestId) {
        AccessRequest request = requests.require(requestId);
        for (AccessRequest.Line line : requests.lines(requestId)) {
            if (line.outcome() == PersonOutcome.APPROVED) {
                provisionOne(request, line);
            }
        }
        requests.finishProvisioning(requestId);
    }

    private void provisionOne(AccessRequest request, AccessRequest.Line line) {
        String username = line.person().nationalId();
        // Committed on its own, so a retry still knows what the first attempt saw.
        boolean existedBefore = ownTransaction.execute(tx -> firstAttemptRecord(request.requestId(), line.lineNo(), username));
        // The directory write, the mark and the e-mail commit together (the embedded directory
        // shares the database; Keycloak does not, and its retry is covered by the password reset).
        ownTransaction.executeWithoutResult(tx -> createOrExtend(request, line, existedBefore));
    }

    private void createOrExtend(AccessRequest request, AccessRequest.Line line, boolean existedBefore) {
        RequestedPerson p = line.person();
        String username = p.nationalId();
        String temporaryPassword = null;
        Set<DataCenterRole> roles;
        if (existedBefore) {
            // Someone who already has an account keeps their password, Tabien role and area; the systems add up.
            StaffAccount existing = directory.find(username).orElseThrow();
            roles = union(existing.dataCenterRoles(), p.roles());
            directory.createOrUpdate(new NewAccount(username, p.nationalId(), p.firstName(), p.lastName(), p.email(),
                    existing.role(), existing.facilityCode(), existing.provinceCode(), existing.region(), roles), null);
        } else {
            roles = p.roles();
            temporaryPassword = temporaryPassword();
            directory.createOrUpdate(new NewAccount(username, p.nationalId(), p.firstName(), p.lastName(), p.email(),
                    Role.FACILITY_STAFF, request.facilityCode(), request.provinceCode(), request.region(), roles),
                    temporaryPassword);
            // Also when an earlier attempt created the account just before failing: the password e-mailed is this one.
            directory.resetPassword(username, temporaryPassword);
            // The 180 days count from here until the first login.
            activity.started(username);
        }
        requests.markProvisioned(request.requestId(), line.lineNo(), "system");
        mail.accountReady(request, p, username, temporaryPassword, roles);
        audit.record("system", existedBefore ? "ACCOUNT_ROLES_ADDED" : "ACCOUNT_CREATED", "ACCOUNT", username,
                "access request " + request.requestId() + ": " + roles);
    }

    /** Whether the account existed, as first seen for this line; later attempts read the record. */
    private boolean firstAttemptRecord(long requestId, int lineNo, String username) {
        Optional<Boolean> recorded = jdbc.sql("""
                        select account_existed from access_request_person where request_id = :id and line_no = :line
                        """)
                .param("id", requestId).param("line", lineNo).query((rs, n) -> (Boolean) rs.getObject("account_existed"))
                .optional().filter(v -> v != null);
        if (recorded.isPresent()) {
            return recorded.get();
        }
        boolean existed = directory.find(username).isPresent();
        jdbc.sql("update access_request_person set account_existed = :e where request_id = :id and line_no = :line")
                .param("e", existed).param("id", requestId).param("line", lineNo).update();
        return existed;
    }

    private static Set<DataCenterRole> union(Set<DataCenterRole> a, Set<DataCenterRole> b) {
        Set<DataCenterRole> all = EnumSet.noneOf(DataCenterRole.class);
        all.addAll(a);
        all.addAll(b);
        return all;
    }

    private String temporaryPassword() {
        char[] chars = new char[passwordLength];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = PASSWORD_CHARS[random.nextInt(PASSWORD_CHARS.length)];
        }
        return new String(chars);
    }
}
