package th.go.nhso.tabien.authen;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Form and HTTP Basic login against the embedded account store: password first, then the
 * {@link LoginPolicy} refusals, then the login is recorded for the inactivity lock.
 */
@Component
public class LocalLogin {

    private final LocalAccountDirectory directory;
    private final LoginPolicy policy;
    private final PasswordEncoder passwords;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final SecretKeySpec key = randomKey();

    private static SecretKeySpec randomKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return new SecretKeySpec(bytes, "HmacSHA256");
    }

    public LocalLogin(LocalAccountDirectory directory, LoginPolicy policy, PasswordEncoder passwords,
                      ApplicationEventPublisher events, Clock clock) {
        this.directory = directory;
        this.policy = policy;
        this.passwords = passwords;
        this.events = events;
        this.clock = clock;
    }

    DaoAuthenticationProvider authenticationProvider() {
        DaoAuthenticationProvider provider = new CachingPasswordCheck(userDetailsService(), verified, key);
        provider.setPasswordEncoder(passwords);
        provider.setPostAuthenticationChecks(user -> {
            StaffAccount account = ((StaffPrincipal) user).account();
            policy.refusalFor(account).ifPresent(reason -> {
                ApiLoginRefusals.remember(reason);
                throw new LoginRefusedException(reason, account.username());
            });
            StaffLoggedIn login = new StaffLoggedIn(account.username(), OffsetDateTime.now(clock), account.lastLoginAt());
            if (!login.recordedWithinTheHour()) {
                directory.recordLogin(account.username());
            }
            events.publishEvent(login);
        });
        return provider;
    }

    private UserDetailsService userDetailsService() {
        return username -> directory.principalOf(username).orElseThrow(() -> new UsernameNotFoundException(username));
    }

    /**
     * BCrypt is slow on purpose (≈ 80 ms here); a hospital system calling the API with HTTP
     * Basic would pay it on every call and cap a 2-core node at some 25 calls a second. After
     * one BCrypt success, the same credentials are recognised for five minutes by an HMAC
     * (random key, memory only) over the username, the password and the stored hash: a
     * changed password changes the stored hash and so misses the cache on every node. The
     * refusal checks (suspended, locked, maintenance) still run on every call.
     */
    static final class CachingPasswordCheck extends DaoAuthenticationProvider {

        static final long TTL_NANOS = Duration.ofMinutes(5).toNanos();

        private final Map<String, Verified> verified;
        private final SecretKeySpec key;

        CachingPasswordCheck(UserDetailsService users, Map<String, Verified> verified,
                             SecretKeySpec key) {
            super(users);
            this.verified = verified;
            this.key = key;
        }

        @Override
        protected void additionalAuthenticationChecks(UserDetails user,
                UsernamePasswordAuthenticationToken authentication) {
            Object credentials = authentication.getCredentials();
            String mac = credentials == null ? null : mac(user.getUsername() + "\n" + credentials + "\n" + user.getPassword());
            Verified known = verified.get(user.getUsername());
            if (mac != null && known != null && known.mac().equals(mac) && System.nanoTime() < known.until()) {
                return;
            }
            super.additionalAuthenticationChecks(user, authentication);
            if (mac != null) {
                verified.put(user.getUsername(), new Verified(mac, System.nanoTime() + TTL_NANOS));
            }
        }

        private String mac(String text) {
            try {
                Mac hmac = Mac.getInstance("HmacSHA256");
                hmac.init(key);
                return HexFormat.of().formatHex(hmac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
            }
        }
    }

    record Verified(String mac, long until) {
    }
}
