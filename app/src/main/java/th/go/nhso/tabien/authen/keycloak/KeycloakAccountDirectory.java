package th.go.nhso.tabien.authen.keycloak;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.ServerErrorException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.core.Response;

import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.ClientBuilderWrapper;
import org.keycloak.admin.client.JacksonProvider;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.RoleScopeResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import th.go.nhso.tabien.authen.AccountDirectory;
import th.go.nhso.tabien.authen.Role;
import th.go.nhso.tabien.authen.StaffAccount;
import th.go.nhso.tabien.system.TabienException;

/**
 * The production account directory: the staff accounts of Keycloak's {@code tabien} realm,
 * reached through the admin REST API as the {@code tabien} client's service account.
 * <p>
 * An account is a Keycloak user named by {@link NewAccount#username()}; the PID and the area
 * are the user attributes {@code pid}, {@code hcode}, {@code province}, {@code region}; the
 * Tabien role and each Data Center role are realm roles. Locks are the user's enabled flag
 * plus a {@code lockReason} attribute ({@code SUSPENDED} or {@code INACTIVE}); the lock
 * sweep's clock lives in the attributes {@code lastLoginAt} and {@code unlockedAt}. Every
 * attribute is declared in the realm's user profile: Keycloak drops undeclared ones.
 * <p>
 * Every call that cannot reach Keycloak throws {@link DirectoryUnavailableException}, so a
 * provisioning job retries and, in the end, shows an incident.
 */
@Component
@Profile("keycloak")
@Primary
public class KeycloakAccountDirectory implements AccountDirectory, DisposableBean {

    static final String PID = "pid";
    static final String HCODE = "hcode";
    static final String PROVINCE = "province";
    static final String REGION = "region";
    static final String LOCK_REASON = "lockReason";
    static final String UNLOCKED_AT = "unlockedAt";
    static final String LAST_LOGIN_AT = "lastLoginAt";
    static final String SUSPENDED = "SUSPENDED";
    static final String INACTIVE = "INACTIVE";
    static final String UPDATE_PASSWORD = "UPDATE_PASSWORD";

    private final KeycloakProperties properties;
    private final Clock clock;
    private final Keycloak keycloak;

    public KeycloakAccountDirectory(KeycloakProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        Client http = ClientBuilderWrapper.create(null, false)
                .register(JacksonProvider.class, 100)
                .connectTimeout(properties.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(properties.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .build();
        this.keycloak = KeycloakBuilder.builder()
                .serverUrl(properties.serverUrl())
                .realm(properties.realm())
                .grantType(OAuth2Constants.CLIENT_CREDENTIALS)
                .clientId(properties.clientId())
                .clientSecret(properties.clientSecret())
                .resteasyClient(http)
                .build();
    }

    @Override
    public Optional<StaffAccount> find(String username) {
        return call(() -> user(username).map(this::account));
    }

    @Override
    public List<StaffAccount> accountsOfFacility(String hcode) {
        // (first, max, enabled, exact, briefRepresentation, query): a full representation, for the attributes
        return call(() -> realm().users().searchByAttributes(0, 10_000, null, true, false, HCODE + ":" + hcode)
                .stream()
                .filter(u -> hcode.equals(first(u, HCODE)))
                .map(this::account)
                .sorted(Comparator.comparing(StaffAccount::username))
                .toList());
    }

    /** The members of the Tabien realm role; approvers and admins are few, so one page is all of them. */
    @Override
    public List<StaffAccount> accountsInRole(Role role) {
        return call(() -> realm().roles().get(role.name()).getUserMembers(false, 0, 10_000).stream()
                .map(this::account)
                .sorted(Comparator.comparing(StaffAccount::username))
                .toList());
    }

    /** Data Center accounts are named by their PID, but a Tabien account may carry it as the pid attribute only. */
    @Override
    public List<StaffAccount> findByNationalId(String nationalId) {
        return call(() -> realm().users().searchByAttributes(0, 100, null, true, false, PID + ":" + nationalId)
                .stream()
                .filter(u -> nationalId.equals(first(u, PID)))
                .map(this::account)
                .sorted(Comparator.comparing(StaffAccount::username))
                .toList());
    }

    /**
     * Idempotent: a retried provisioning finds the account by its exact username and updates
     * it; a retry racing the first attempt gets 409 on create and updates too. The password
     * of an account that exists is never touched.
     */
    @Override
    public StaffAccount createOrUpdate(NewAccount account, String initialPassword) {
        return call(() -> {
            Optional<UserRepresentation> existing = user(account.username());
            String id;
            if (existing.isPresent()) {
                id = existing.get().getId();
                update(id, account);
            } else {
                id = create(account, initialPassword);
            }
            syncRoles(id, account);
            return account(realm().users().get(id).toRepresentation());
        });
    }

    private String create(NewAccount account, String initialPassword) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(account.username());
        user.setEnabled(true);
        apply(user, account);
        user.setCredentials(List.of(password(initialPassword, true)));
        user.setRequiredActions(List.of(UPDATE_PASSWORD));
        try (Response response = realm().users().create(user)) {
            int status = response.getStatus();
            if (status == Response.Status.CREATED.getStatusCode()) {
                String path = URI.create(response.getHeaderString("Location")).getPath();
                return path.substring(path.lastIndexOf('/') + 1);
            }
            if (status == Response.Status.CONFLICT.getStatusCode()) {
                // a retry racing the first attempt: the account is there now, so it is an update
                UserRepresentation raced = user(account.username()).orElseThrow(() -> rejected(account.username(), response));
                update(raced.getId(), account);
                return raced.getId();
            }
            if (status >= 500) {
                throw new ServerErrorException(response);
            }
            throw rejected(account.username(), response);
        }
    }

    private static TabienException rejected(String username, Response response) {
        String reason = response.hasEntity() ? response.readEntity(String.class) : "HTTP " + response.getStatus();
        return TabienException.invalid("directory.rejected", username, reason);
    }

    private void update(String id, NewAccount account) {
        UserResource resource = realm().users().get(id);
        UserRepresentation user = resource.toRepresentation();
        apply(user, account);
        resource.update(user);
    }

    private static void apply(UserRepresentation user, NewAccount account) {
        user.setFirstName(account.firstName());
        user.setLastName(account.lastName());
        user.setEmail(account.email());
        Map<String, List<String>> attributes = user.getAttributes() == null ? new HashMap<>() : new HashMap<>(user.getAttributes());
        put(attributes, PID, account.nationalId());
        put(attributes, HCODE, account.facilityCode());
        put(attributes, PROVINCE, account.provinceCode());
        put(attributes, REGION, account.region() == null ? null : account.region().toString());
        user.setAttributes(attributes);
    }

    private static void put(Map<String, List<String>> attributes, String name, String value) {
        if (value == null || value.isBlank()) {
            attributes.remove(name);
        } else {
            attributes.put(name, List.of(value));
        }
    }

    /**
     * The account's Tabien role and Data Center roles become exactly the ones asked for; other
     * realm roles stay. The roles to add are taken from the user's available roles, so the
     * service account needs no view-realm.
     */
    private void syncRoles(String id, NewAccount account) {
        Set<String> wanted = new LinkedHashSet<>();
        wanted.add(account.role().name());
        account.dataCenterRoles().forEach(r -> wanted.add(r.directoryRole()));
        RoleScopeResource mapping = realm().users().get(id).roles().realmLevel();
        List<RoleRepresentation> current = mapping.listAll();
        Set<String> held = new LinkedHashSet<>();
        current.forEach(r -> held.add(r.getName()));
        List<RoleRepresentation> remove = current.stream()
                .filter(r -> KeycloakRoles.managed(r.getName()) && !wanted.contains(r.getName())).toList();
        if (!remove.isEmpty()) {
            mapping.remove(remove);
        }
        wanted.removeAll(held);
        if (!wanted.isEmpty()) {
            List<RoleRepresentation> add = mapping.listAvailable().stream().filter(r -> wanted.contains(r.getName())).toList();
            if (add.size() < wanted.size()) {
                throw new IllegalStateException("Realm '" + properties.realm() + "' lacks roles " + wanted
                        + ": import docker/keycloak/tabien-realm.json");
            }
            mapping.add(add);
        }
    }

    /** At most one write an hour per account, like the embedded store: plenty for a 180-day lock. */
    @Override
    public void recordLogin(String username) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        call(() -> {
            UserRepresentation user = existing(username);
            OffsetDateTime last = time(user, LAST_LOGIN_AT);
            if (last == null || last.isBefore(now.minusHours(1))) {
                attribute(user, LAST_LOGIN_AT, now.toString());
                realm().users().get(user.getId()).update(user);
            }
            return null;
        });
    }

    @Override
    public void suspend(String username) {
        lock(username, SUSPENDED);
    }

    /** A suspension outranks an inactivity lock: locking a suspended account leaves it suspended. */
    @Override
    public void lockInactive(String username) {
        lock(username, INACTIVE);
    }

    private void lock(String username, String reason) {
        call(() -> {
            UserRepresentation user = existing(username);
            if (!(INACTIVE.equals(reason) && SUSPENDED.equals(first(user, LOCK_REASON)))) {
                attribute(user, LOCK_REASON, reason);
            }
            user.setEnabled(false);
            realm().users().get(user.getId()).update(user);
            return null;
        });
    }

    @Override
    public void unlock(String username) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        call(() -> {
            UserRepresentation user = existing(username);
            attribute(user, LOCK_REASON, null);
            attribute(user, UNLOCKED_AT, now.toString());
            user.setEnabled(true);
            realm().users().get(user.getId()).update(user);
            return null;
        });
    }

    @Override
    public void resetPassword(String username, String temporaryPassword) {
        setPassword(username, temporaryPassword, true);
    }

    @Override
    public void changePassword(String username, String newPassword) {
        setPassword(username, newPassword, false);
    }

    private void setPassword(String username, String password, boolean temporary) {
        call(() -> {
            UserRepresentation user = existing(username);
            UserResource resource = realm().users().get(user.getId());
            resource.resetPassword(password(password, temporary));
            // the reset sets or clears UPDATE_PASSWORD itself; say it once more, so the account reads the same either way
            UserRepresentation after = resource.toRepresentation();
            List<String> actions = new ArrayList<>(after.getRequiredActions() == null ? List.of() : after.getRequiredActions());
            boolean changed = temporary ? !actions.contains(UPDATE_PASSWORD) && actions.add(UPDATE_PASSWORD)
                    : actions.remove(UPDATE_PASSWORD);
            if (changed) {
                after.setRequiredActions(actions);
                resource.update(after);
            }
            return null;
        });
    }

    private static CredentialRepresentation password(String value, boolean temporary) {
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(value);
        credential.setTemporary(temporary);
        return credential;
    }

    private RealmResource realm() {
        return keycloak.realm(properties.realm());
    }

    private Optional<UserRepresentation> user(String username) {
        return realm().users().searchByUsername(username, true).stream()
                .filter(u -> u.getUsername().equalsIgnoreCase(username))
                .findFirst();
    }

    private UserRepresentation existing(String username) {
        return user(username).orElseThrow(() -> TabienException.notFound("account.notFound", username));
    }

    private StaffAccount account(UserRepresentation user) {
        Set<String> roles = new LinkedHashSet<>();
        realm().users().get(user.getId()).roles().realmLevel().listAll().forEach(r -> roles.add(r.getName()));
        String lockReason = first(user, LOCK_REASON);
        boolean disabled = !Boolean.TRUE.equals(user.isEnabled());
        boolean inactivityLocked = disabled && INACTIVE.equals(lockReason);
        // disabled by hand in the admin console, with no reason given: as good as suspended
        boolean suspended = disabled && !inactivityLocked;
        String region = first(user, REGION);
        return new StaffAccount(user.getUsername(), first(user, PID), displayName(user), user.getEmail(),
                KeycloakRoles.tabienRole(roles).orElse(null), first(user, HCODE), first(user, PROVINCE),
                region == null ? null : Integer.valueOf(region), suspended, inactivityLocked,
                user.getRequiredActions() != null && user.getRequiredActions().contains(UPDATE_PASSWORD),
                time(user, LAST_LOGIN_AT), time(user, UNLOCKED_AT),
                user.getCreatedTimestamp() == null ? null
                        : OffsetDateTime.ofInstant(Instant.ofEpochMilli(user.getCreatedTimestamp()), ZoneOffset.UTC),
                KeycloakRoles.dataCenterRoles(roles));
    }

    private static String displayName(UserRepresentation user) {
        String last = user.getLastName();
        return last == null || last.isBlank() ? user.getFirstName() : user.getFirstName() + " " + last;
    }

    static String first(UserRepresentation user, String attribute) {
        List<String> values = user.getAttributes() == null ? null : user.getAttributes().get(attribute);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static OffsetDateTime time(UserRepresentation user, String attribute) {
        String value = first(user, attribute);
        return value == null ? null : OffsetDateTime.parse(value);
    }

    private static void attribute(UserRepresentation user, String name, String value) {
        Map<String, List<String>> attributes = user.getAttributes() == null ? new HashMap<>() : new HashMap<>(user.getAttributes());
        put(attributes, name, value);
        user.setAttributes(attributes);
    }

    /** Keycloak out of reach, or failing on its side: say so in both languages, so the job retries and shows it. */
    <T> T call(Supplier<T> work) {
        try {
            return work.get();
        } catch (ProcessingException | ServerErrorException e) {
            throw new DirectoryUnavailableException(properties.serverUrl(), e);
        } catch (NotAuthorizedException | ForbiddenException e) {
            throw new IllegalStateException("Keycloak refused the service account of client '" + properties.clientId()
                    + "' in realm '" + properties.realm() + "': check KEYCLOAK_CLIENT_SECRET and its realm-management roles", e);
        }
    }

    @Override
    public void destroy() {
        keycloak.close();
    }

    /** The admin client, for the login-events importer in this package. */
    Keycloak keycloak() {
        return keycloak;
    }

    KeycloakProperties properties() {
        return properties;
    }
}
