package th.go.nhso.tabien.authen;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import th.go.nhso.tabien.registry.HospitalCode;
import th.go.nhso.tabien.registry.Registry;

/**
 * Machine clients of the embedded default (hospital systems, kiosks): one API key per
 * facility, scoped to it. Only the key's SHA-256 is stored; the key is shown once.
 * <p>
 * A hospital system calls on every visit, so a key once found is kept {@link #KEPT} in this
 * node's memory instead of being read again each call. A revocation drops it here at once;
 * other nodes stop honouring it within {@link #KEPT}.
 */
@Component
public class ApiClients {

    private final JdbcClient jdbc;
    private final Registry registry;
    private final AuditTrail audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Known> known = new ConcurrentHashMap<>();

    static final Duration KEPT = Duration.ofSeconds(30);

    ApiClients(JdbcClient jdbc, Registry registry, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.audit = audit;
        this.clock = clock;
    }

    /** Creates a client and returns its key, the only time anyone sees it. */
    public String create(StaffUser admin, String name, String facilityCode) {
        String hcode = registry.requireFacility(HospitalCode.parse(facilityCode)).hcode();
        byte[] secret = new byte[24];
        random.nextBytes(secret);
        String key = "tbn_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String clientId = hcode + "-" + Long.toString(System.currentTimeMillis(), 36);
        jdbc.sql("""
                        insert into api_client (client_id, name, facility_code, key_hash, created_by, created_at)
                        values (:id, :name, :h, :hash, :by, :now)
                        """)
                .param("id", clientId).param("name", name == null || name.isBlank() ? clientId : name.strip()).param("h", hcode)
                .param("hash", sha256(key)).param("by", admin.username()).param("now", OffsetDateTime.now(clock)).update();
        audit.record(admin.username(), "CREATE_API_CLIENT", "FACILITY", hcode, clientId);
        return key;
    }

    public void revoke(StaffUser admin, String clientId) {
        jdbc.sql("update api_client set revoked_at = :now where client_id = :id and revoked_at is null")
                .param("now", OffsetDateTime.now(clock)).param("id", clientId).update();
        known.clear();
        audit.record(admin.username(), "REVOKE_API_CLIENT", "API_CLIENT", clientId, null);
    }

    public List<Client> all() {
        return jdbc.sql("select client_id, name, facility_code, created_at, revoked_at from api_client order by created_at desc")
                .query((rs, n) -> new Client(rs.getString("client_id"), rs.getString("name"), rs.getString("facility_code"),
                        rs.getObject("created_at", OffsetDateTime.class), rs.getObject("revoked_at", OffsetDateTime.class)))
                .list();
    }

    /** The machine user a key stands for: facility staff of the key's facility, or nothing. */
    Optional<StaffUser> authenticate(String key) {
        String hash = sha256(key);
        Known cached = known.get(hash);
        if (cached != null && System.nanoTime() < cached.until()) {
            return Optional.of(cached.user());
        }
        Optional<StaffUser> user = jdbc.sql("""
                        select client_id, name, facility_code from api_client where key_hash = :hash and revoked_at is null
                        """)
                .param("hash", hash)
                .query((rs, n) -> new StaffUser("api:" + rs.getString("client_id"), rs.getString("name"), Role.FACILITY_STAFF,
                        rs.getString("facility_code"), null, null))
                .optional();
        // only keys that exist are kept: a flood of wrong keys must not grow the map
        user.ifPresentOrElse(u -> known.put(hash, new Known(u, System.nanoTime() + KEPT.toNanos())), () -> known.remove(hash));
        return user;
    }

    private static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private record Known(StaffUser user, long until) {
    }

    public record Client(String clientId, String name, String facilityCode, OffsetDateTime createdAt, OffsetDateTime revokedAt) {
    }
}
