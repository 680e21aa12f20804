package th.go.nhso.tabien.authen.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import th.go.nhso.tabien.authen.AccountDirectory.NewAccount;
import th.go.nhso.tabien.authen.DataCenterRole;
import th.go.nhso.tabien.authen.Role;
import th.go.nhso.tabien.authen.StaffAccount;
import th.go.nhso.tabien.support.KeycloakServer;
import th.go.nhso.tabien.system.TabienException;

/** The Keycloak directory against a real Keycloak with the project's realm (no mocks). */
@DisabledIfSystemProperty(named = "tabien.test.jvm", matches = "default|postgres", disabledReason = KeycloakServer.OWN_JVM)
class KeycloakAccountDirectoryTests {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 11, 23, 9, 0, 0, 0, ZoneOffset.ofHours(7));

    static KeycloakServer server;
    static KeycloakAccountDirectory directory;
    static Keycloak admin;

    @BeforeAll
    static void start() {
        server = KeycloakServer.get();
        directory = new KeycloakAccountDirectory(server.properties(), Clock.fixed(NOW.toInstant(), ZoneOffset.ofHours(7)));
        admin = server.admin();
    }

    @AfterAll
    static void close() {
        directory.destroy();
        admin.close();
    }

    /** A fresh 13-digit username per test, like a Data Center account named by the person's PID. */
    private static String newPid() {
        return "19" + String.format("%011d", System.nanoTime() % 100_000_000_000L / 10 * 10 + SEQUENCE.incrementAndGet() % 10);
    }

    private static NewAccount staff(String pid, Role role, Set<DataCenterRole> dcRoles) {
        return new NewAccount(pid, pid, "สมศรี", "ใจดี", pid + "@example.org", role, "10670", "10", 13, dcRoles);
    }

    private static UserResource user(String username) {
        String id = admin.realm(KeycloakServer.REALM).users().searchByUsername(username, true).get(0).getId();
        return admin.realm(KeycloakServer.REALM).users().get(id);
    }

    private static List<String> realmRoles(String username) {
        return user(username).roles().realmLevel().listAll().stream().map(RoleRepresentation::getName).toList();
    }

    private static CredentialRepresentation password(String username) {
        return user(username).credentials().stream().filter(c -> c.getType().equals(CredentialRepresentation.PASSWORD))
                .findFirst().orElseThrow();
    }

    @Test
    void newAccountGetsItsRolesPerSystemAreaAndATemporaryPasswordToReplace() {
        String pid = newPid();

        StaffAccount account = directory.createOrUpdate(
                staff(pid, Role.FACILITY_STAFF, Set.of(DataCenterRole.NEW_AUTHEN_CHECK, DataCenterRole.KTB_WALLET_ADMIN)),
                "Temporary-1234");

        assertThat(account.username()).isEqualTo(pid);
        assertThat(account.nationalId()).isEqualTo(pid);
        assertThat(account.displayName()).isEqualTo("สมศรี ใจดี");
        assertThat(account.email()).isEqualTo(pid + "@example.org");
        assertThat(account.role()).isEqualTo(Role.FACILITY_STAFF);
        assertThat(account.facilityCode()).isEqualTo("10670");
        assertThat(account.provinceCode()).isEqualTo("10");
        assertThat(account.region()).isEqualTo(13);
        assertThat(account.dataCenterRoles()).containsExactlyInAnyOrder(DataCenterRole.NEW_AUTHEN_CHECK, DataCenterRole.KTB_WALLET_ADMIN);
        assertThat(account.passwordChangeRequired()).isTrue();
        assertThat(account.suspended()).isFalse();
        assertThat(account.inactivityLocked()).isFalse();
        assertThat(account.createdAt()).isNotNull();

        UserRepresentation stored = user(pid).toRepresentation();
        assertThat(stored.isEnabled()).isTrue();
        assertThat(stored.getRequiredActions()).containsExactly("UPDATE_PASSWORD");
        assertThat(stored.getAttributes()).containsEntry("pid", List.of(pid)).containsEntry("hcode", List.of("10670"))
                .containsEntry("province", List.of("10")).containsEntry("region", List.of("13"));
        assertThat(realmRoles(pid)).contains("FACILITY_STAFF", "dc-new-authen-check", "dc-ktb-wallet-admin");
        assertThat(password(pid)).isNotNull();
        assertThat(directory.find(pid)).contains(account);
    }

    @Test
    void retriedProvisioningKeepsOneAccountAndItsFirstPassword() {
        String pid = newPid();
        NewAccount account = staff(pid, Role.FACILITY_STAFF, Set.of(DataCenterRole.E_CLAIM));
        directory.createOrUpdate(account, "Temporary-1234");
        CredentialRepresentation first = password(pid);

        StaffAccount again = directory.createOrUpdate(account, "Another-98765");

        assertThat(admin.realm(KeycloakServer.REALM).users().searchByUsername(pid, true)).hasSize(1);
        CredentialRepresentation after = password(pid);
        assertThat(after.getId()).isEqualTo(first.getId());
        assertThat(after.getCreatedDate()).isEqualTo(first.getCreatedDate());
        assertThat(again.dataCenterRoles()).containsExactly(DataCenterRole.E_CLAIM);
    }

    @Test
    void racingProvisioningOfTheSameAccountCreatesItOnce() throws Exception {
        String pid = newPid();
        NewAccount account = staff(pid, Role.FACILITY_STAFF, Set.of(DataCenterRole.DRUG_CATALOG));
        Callable<StaffAccount> provision = () -> directory.createOrUpdate(account, "Temporary-1234");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<StaffAccount>> both = pool.invokeAll(List.of(provision, provision));
            for (Future<StaffAccount> result : both) {
                assertThat(result.get().dataCenterRoles()).containsExactly(DataCenterRole.DRUG_CATALOG);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(admin.realm(KeycloakServer.REALM).users().searchByUsername(pid, true)).hasSize(1);
    }

    @Test
    void updateReplacesTheTabienRoleAreaAndDataCenterRolesButLeavesOtherRealmRoles() {
        String pid = newPid();
        directory.createOrUpdate(staff(pid, Role.FACILITY_STAFF, Set.of(DataCenterRole.NEW_AUTHEN_CHECK, DataCenterRole.E_CLAIM)),
                "Temporary-1234");

        StaffAccount updated = directory.createOrUpdate(new NewAccount(pid, pid, "สมศรี", "รักงาน", null,
                Role.PROVINCIAL_APPROVER, null, "50", 1, Set.of(DataCenterRole.NEW_AUTHEN_RESERVE)), "ignored-password");

        assertThat(updated.role()).isEqualTo(Role.PROVINCIAL_APPROVER);
        assertThat(updated.displayName()).isEqualTo("สมศรี รักงาน");
        assertThat(updated.facilityCode()).isNull();
        assertThat(updated.provinceCode()).isEqualTo("50");
        assertThat(updated.region()).isEqualTo(1);
        assertThat(updated.dataCenterRoles()).containsExactly(DataCenterRole.NEW_AUTHEN_RESERVE);
        assertThat(realmRoles(pid)).doesNotContain("FACILITY_STAFF", "dc-new-authen-check", "dc-e-claim")
                .contains("PROVINCIAL_APPROVER", "dc-new-authen-reserve", "default-roles-tabien");
    }

    @Test
    void suspensionDisablesTheAccountWithItsReasonAndUnlockEnablesItAgain() {
        String pid = newPid();
        directory.createOrUpdate(staff(pid, Role.FACILITY_STAFF, Set.of()), "Temporary-1234");

        directory.suspend(pid);

        StaffAccount suspended = directory.find(pid).orElseThrow();
        assertThat(suspended.suspended()).isTrue();
        assertThat(suspended.inactivityLocked()).isFalse();
        UserRepresentation stored = user(pid).toRepresentation();
        assertThat(stored.isEnabled()).isFalse();
        assertThat(stored.getAttributes()).containsEntry("lockReason", List.of("SUSPENDED")).containsEntry("hcode", List.of("10670"));

        directory.lockInactive(pid);
        assertThat(directory.find(pid).orElseThrow().suspended()).as("a suspension outranks an inactivity lock").isTrue();

        directory.unlock(pid);

        StaffAccount unlocked = directory.find(pid).orElseThrow();
        assertThat(unlocked.suspended()).isFalse();
        assertThat(unlocked.inactivityLocked()).isFalse();
        assertThat(unlocked.unlockedAt()).isEqualTo(NOW);
        UserRepresentation enabled = user(pid).toRepresentation();
        assertThat(enabled.isEnabled()).isTrue();
        assertThat(enabled.getAttributes()).doesNotContainKey("lockReason").containsEntry("unlockedAt", List.of(NOW.toString()));
    }

    @Test
    void inactivityLockDisablesTheAccountWithReasonInactive() {
        String pid = newPid();
        directory.createOrUpdate(staff(pid, Role.FACILITY_STAFF, Set.of()), "Temporary-1234");

        directory.lockInactive(pid);

        StaffAccount locked = directory.find(pid).orElseThrow();
        assertThat(locked.inactivityLocked()).isTrue();
        assertThat(locked.suspended()).isFalse();
        UserRepresentation stored = user(pid).toRepresentation();
        assertThat(stored.isEnabled()).isFalse();
        assertThat(stored.getAttributes()).containsEntry("lockReason", List.of("INACTIVE"));
    }

    @Test
    void resetPasswordRequiresANewOneAndChangePasswordClearsThatRequirement() {
        String pid = newPid();
        directory.createOrUpdate(staff(pid, Role.FACILITY_STAFF, Set.of()), "Temporary-1234");

        directory.changePassword(pid, "Permanent-56789");

        assertThat(directory.find(pid).orElseThrow().passwordChangeRequired()).isFalse();
        assertThat(user(pid).toRepresentation().getRequiredActions()).doesNotContain("UPDATE_PASSWORD");

        directory.resetPassword(pid, "Temporary-5678");

        assertThat(directory.find(pid).orElseThrow().passwordChangeRequired()).isTrue();
        assertThat(user(pid).toRepresentation().getRequiredActions()).contains("UPDATE_PASSWORD");
        assertThat(user(pid).credentials()).as("the reset replaces the password, it adds none").hasSize(1);
    }

    @Test
    void recordedLoginAndFacilityListingComeBackFromTheDirectory() {
        String pid = newPid();
        String hcode = String.format("%05d", SEQUENCE.incrementAndGet() + 90000);
        directory.createOrUpdate(new NewAccount(pid, pid, "มานะ", null, null, Role.FACILITY_STAFF, hcode, "10", 13, Set.of()),
                "Temporary-1234");

        directory.recordLogin(pid);

        assertThat(directory.find(pid).orElseThrow().lastLoginAt()).isEqualTo(NOW);
        assertThat(directory.accountsOfFacility(hcode)).extracting(StaffAccount::username).containsExactly(pid);
        assertThat(directory.find(pid).orElseThrow().displayName()).isEqualTo("มานะ");
    }

    @Test
    void approversAreFoundByRoleAndAccountsByTheirPid() {
        String approver = "kc-approver-" + SEQUENCE.incrementAndGet();
        String pid = newPid();
        directory.createOrUpdate(new NewAccount(approver, pid, "วิไล", "ตั้งใจ", approver + "@example.org",
                Role.REGIONAL_APPROVER, null, null, 7, Set.of()), "Temporary-1234");

        assertThat(directory.accountsInRole(Role.REGIONAL_APPROVER))
                .anySatisfy(a -> {
                    assertThat(a.username()).isEqualTo(approver);
                    assertThat(a.region()).isEqualTo(7);
                    assertThat(a.email()).isEqualTo(approver + "@example.org");
                });
        assertThat(directory.accountsInRole(Role.ADMIN)).extracting(StaffAccount::username).doesNotContain(approver);
        assertThat(directory.findByNationalId(pid)).extracting(StaffAccount::username).containsExactly(approver);
    }

    @Test
    void unknownAccountIsNotFound() {
        assertThat(directory.find("0000000000000")).isEmpty();
        assertThatThrownBy(() -> directory.suspend("0000000000000")).isInstanceOf(TabienException.class)
                .hasMessage("account.notFound");
    }

    @Test
    void unreachableKeycloakFailsWithAClearExceptionInBothLanguages() {
        KeycloakProperties nowhere = new KeycloakProperties("http://localhost:" + KeycloakServer.freePort(), "tabien", "tabien",
                "no-secret", Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(60));
        KeycloakAccountDirectory unreachable = new KeycloakAccountDirectory(nowhere, Clock.systemUTC());
        try {
            assertThatThrownBy(() -> unreachable.createOrUpdate(staff(newPid(), Role.FACILITY_STAFF, Set.of()), "Temporary-1234"))
                    .isInstanceOf(DirectoryUnavailableException.class)
                    .hasMessageContaining("ติดต่อระบบบัญชีผู้ใช้ (Keycloak)")
                    .hasMessageContaining("cannot be reached")
                    .hasMessageContaining(nowhere.serverUrl())
                    .satisfies(e -> assertThat(((TabienException) e).status().value()).isEqualTo(503));
            assertThatThrownBy(() -> unreachable.find("1100000000024")).isInstanceOf(DirectoryUnavailableException.class);
        } finally {
            unreachable.destroy();
        }
    }
}
