package th.go.nhso.tabien.authen;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import th.go.nhso.tabien.system.TabienException;

/** The embedded account store: Tabien's own table, BCrypt password hashes. */
@Component
public class LocalAccountDirectory implements AccountDirectory {

    private static final String SELECT = """
            select username, national_id, display_name, email, role, facility_code, province_code, region, suspended,
                   inactivity_locked, password_change_required, last_login_at, unlocked_at, created_at
            from staff_account
            """;

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final Clock clock;

    public LocalAccountDirectory(JdbcClient jdbc, PasswordEncoder passwords, Clock clock) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.clock = clock;
    }

    @Override
    public Optional<StaffAccount> find(String username) {
        return jdbc.sql(SELECT + " where username = :u").param("u", username).query(LocalAccountDirectory::account)
                .optional().map(this::withDataCenterRoles);
    }

    @Override
    public List<StaffAccount> accountsOfFacility(String hcode) {
        return jdbc.sql(SELECT + " where facility_code = :h order by username").param("h", hcode)
                .query(LocalAccountDirectory::account).list().stream().map(this::withDataCenterRoles).toList();
    }

    @Override
    public List<StaffAccount> accountsInRole(Role role) {
        return jdbc.sql(SELECT + " where role = :r order by username").param("r", role.name())
                .query(LocalAccountDirectory::account).list().stream().map(this::withDataCenterRoles).toList();
    }

    @Override
    public List<StaffAccount> findByNationalId(String nationalId) {
        return jdbc.sql(SELECT + " where national_id = :pid order by username").param("pid", nationalId)
                .query(LocalAccountDirectory::account).list().stream().map(this::withDataCenterRoles).toList();
    }

    /**
     * The account with its stored hash in one query, for the login (which needs no Data Center
     * roles: an API client logs in on every call); never leaves the authen package.
     */
    Optional<StaffPrincipal> principalOf(String username) {
        return jdbc.sql(SELECT.replace("select ", "select password_hash, ") + " where username = :u").param("u", username)
                .query((rs, n) -> {
                    StaffAccount account = account(rs, n);
                    String hash = rs.getString("password_hash");
                    return new StaffPrincipal(account.asStaffUser(), hash == null ? "" : hash, account);
                })
                .optional();
    }

    /** The stored hash, for the login check; never leaves the authen package. */
    Optional<String> passwordHashOf(String username) {
        return jdbc.sql("select password_hash from staff_account where username = :u").param("u", username)
                .query(String.class).optional();
    }

    @Override
    @Transactional
    public StaffAccount createOrUpdate(NewAccount a, String initialPassword) {
        int updated = jdbc.sql("""
                        update staff_account set national_id = :pid, display_name = :name, email = :email, role = :role,
                               facility_code = :facility, province_code = :province, region = :region
                        where username = :username
                        """)
                .params(params(a)).update();
        if (updated == 0) {
            jdbc.sql("""
                            insert into staff_account (username, password_hash, national_id, display_name, email, role,
                                                       facility_code, province_code, region, password_change_required, created_at)
                            values (:username, :hash, :pid, :name, :email, :role, :facility, :province, :region, false, :now)
                            """)
                    .params(params(a)).param("hash", passwords.encode(initialPassword))
                    .param("now", OffsetDateTime.now(clock)).update();
        }
        jdbc.sql("delete from staff_account_data_center_role where username = :u").param("u", a.username()).update();
        for (DataCenterRole role : a.dataCenterRoles()) {
            jdbc.sql("insert into staff_account_data_center_role (username, role) values (:u, :r)")
                    .param("u", a.username()).param("r", role.name()).update();
        }
        return find(a.username()).orElseThrow();
    }

    private static Map<String, Object> params(NewAccount a) {
        Map<String, Object> map = new HashMap<>();
        map.put("username", a.username());
        map.put("pid", a.nationalId());
        map.put("name", a.displayName());
        map.put("email", a.email());
        map.put("role", a.role().name());
        map.put("facility", a.facilityCode());
        map.put("province", a.provinceCode());
        map.put("region", a.region());
        return map;
    }

    /**
     * Records a login for the inactivity lock. An API client logs in on every call: at most
     * one write an hour per account is plenty for a 180-day lock.
     */
    @Override
    public void recordLogin(String username) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql("""
                        update staff_account set last_login_at = :now
                        where username = :u and (last_login_at is null or last_login_at < :recent)
                        """)
                .param("now", now).param("recent", now.minusHours(1)).param("u", username).update();
    }

    @Override
    public void suspend(String username) {
        update("update staff_account set suspended = true where username = :u", username);
    }

    @Override
    public void lockInactive(String username) {
        update("update staff_account set inactivity_locked = true where username = :u", username);
    }

    @Override
    public void unlock(String username) {
        update("update staff_account set suspended = false, inactivity_locked = false, unlocked_at = :now where username = :u",
                username);
    }

    @Override
    public void resetPassword(String username, String temporaryPassword) {
        jdbc.sql("update staff_account set password_hash = :hash, password_change_required = true where username = :u")
                .param("hash", passwords.encode(temporaryPassword)).param("u", username).update();
    }

    @Override
    public void changePassword(String username, String newPassword) {
        jdbc.sql("update staff_account set password_hash = :hash, password_change_required = false where username = :u")
                .param("hash", passwords.encode(newPassword)).param("u", username).update();
    }

    private void update(String sql, String username) {
        int rows = jdbc.sql(sql).param("u", username).param("now", OffsetDateTime.now(clock)).update();
        if (rows == 0) {
            throw TabienException.notFound("account.notFound", username);
        }
    }

    private static StaffAccount account(ResultSet rs, int row) throws SQLException {
        return new StaffAccount(rs.getString("username"), rs.getString("national_id"), rs.getString("display_name"),
                rs.getString("email"), Role.valueOf(rs.getString("role")), rs.getString("facility_code"),
                rs.getString("province_code"), (Integer) rs.getObject("region", Integer.class),
                rs.getBoolean("suspended"), rs.getBoolean("inactivity_locked"), rs.getBoolean("password_change_required"),
                rs.getObject("last_login_at", OffsetDateTime.class), rs.getObject("unlocked_at", OffsetDateTime.class),
                rs.getObject("created_at", OffsetDateTime.class), Set.of());
    }

    /** A second read after the first has closed its result set (a nested read would hold two connections). */
    private StaffAccount withDataCenterRoles(StaffAccount a) {
        Set<DataCenterRole> roles = jdbc.sql("select role from staff_account_data_center_role where username = :u")
                .param("u", a.username()).query(String.class).list().stream().map(DataCenterRole::valueOf)
                .collect(Collectors.toSet());
        if (roles.isEmpty()) {
            return a;
        }
        return new StaffAccount(a.username(), a.nationalId(), a.displayName(), a.email(), a.role(), a.facilityCode(),
                a.provinceCode(), a.region(), a.suspended(), a.inactivityLocked(), a.passwordChangeRequired(),
                a.lastLoginAt(), a.unlockedAt(), a.createdAt(), roles);
    }
}
