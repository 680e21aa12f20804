package th.go.nhso.tabien.system;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Every setting Tabien reads, under {@code tabien.*}; each has an environment override (see README). */
@ConfigurationProperties("tabien")
public record TabienProperties(@DefaultValue Authen authen, @DefaultValue Demo demo) {

    /** @param inactivityLock how long an account may go without a login before it is locked */
    public record Authen(@DefaultValue("P180D") Duration inactivityLock) {
    }

    /** @param enabled load demo persons and the demo logins; only ever true in the embedded default */
    public record Demo(@DefaultValue("false") boolean enabled) {
    }
}
