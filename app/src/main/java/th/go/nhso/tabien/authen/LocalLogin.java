package th.go.nhso.tabien.authen;

import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
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

    public LocalLogin(LocalAccountDirectory directory, LoginPolicy policy, PasswordEncoder passwords) {
        this.directory = directory;
        this.policy = policy;
        this.passwords = passwords;
    }

    DaoAuthenticationProvider authenticationProvider() {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(userDetailsService());
        provider.setPasswordEncoder(passwords);
        provider.setPostAuthenticationChecks(user -> {
            StaffAccount account = directory.find(user.getUsername()).orElseThrow();
            policy.refusalFor(account).ifPresent(reason -> {
                throw new LoginRefusedException(reason, account.username());
            });
            directory.recordLogin(account.username());
        });
        return provider;
    }

    private UserDetailsService userDetailsService() {
        return username -> directory.find(username)
                .map(account -> new StaffPrincipal(account.asStaffUser(), directory.passwordHashOf(username).orElse("")))
                .orElseThrow(() -> new UsernameNotFoundException(username));
    }
}
