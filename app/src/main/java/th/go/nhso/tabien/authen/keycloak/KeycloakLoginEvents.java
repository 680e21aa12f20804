package th.go.nhso.tabien.authen.keycloak;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ws.rs.NotFoundException;

import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.EventRepresentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Profile;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import th.go.nhso.tabien.authen.StaffLoggedIn;

/**
 * Brings the logins Keycloak saw into Tabien as {@link StaffLoggedIn}, so a Data Center user
 * who never opens Tabien still counts as active for the 180-day inactivity lock (Keycloak has
 * no such lock of its own, keycloak issue 10040). The realm stores LOGIN events
 * (docker/keycloak/tabien-realm.json: 30 days); this poller reads the new ones every
 * {@code tabien.keycloak.events-poll-delay}. After a restart it reads the last day again: a
 * login counted twice changes nothing.
 */
@Component
@Profile("keycloak")
public class KeycloakLoginEvents {

    static final Duration LOOK_BACK_AFTER_START = Duration.ofDays(1);
    private static final int PAGE = 200;
    private static final Logger log = LoggerFactory.getLogger(KeycloakLoginEvents.class);

    private final KeycloakAccountDirectory directory;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Map<String, String> usernames = new ConcurrentHashMap<>();
    /** The time of the newest event read, and the ids read at exactly that millisecond (the next read starts there). */
    private long newest;
    private Set<String> idsAtNewest = new HashSet<>();

    public KeycloakLoginEvents(KeycloakAccountDirectory directory, ApplicationEventPublisher events, Clock clock) {
        this.directory = directory;
        this.events = events;
        this.clock = clock;
        this.newest = clock.millis() - LOOK_BACK_AFTER_START.toMillis();
    }

    @Scheduled(fixedDelayString = "${tabien.keycloak.events-poll-delay:60s}", initialDelayString = "${tabien.keycloak.events-poll-delay:60s}")
    void poll() {
        try {
            int imported = importLogins();
            if (imported > 0) {
                log.info("Imported {} Keycloak logins", imported);
            }
        } catch (DirectoryUnavailableException e) {
            // the next poll reads from the same point, so nothing is lost
            log.warn("Keycloak login events not read: {}", e.getMessage());
        }
    }

    /** Publishes every LOGIN event newer than the last one read; returns how many. */
    public synchronized int importLogins() {
        RealmResource realm = directory.keycloak().realm(directory.properties().realm());
        return directory.call(() -> {
            int published = 0;
            long from = newest;
            long to = clock.millis() + Duration.ofMinutes(1).toMillis();
            for (int first = 0; ; first += PAGE) {
                List<EventRepresentation> page = realm.getEvents(List.of("LOGIN"), null, null, from, to, null, first, PAGE, "asc");
                for (EventRepresentation event : page) {
                    if (event.getTime() < newest || (event.getTime() == newest && idsAtNewest.contains(event.getId()))) {
                        continue;
                    }
                    if (event.getTime() > newest) {
                        newest = event.getTime();
                        idsAtNewest = new HashSet<>();
                    }
                    idsAtNewest.add(event.getId());
                    String username = username(realm, event);
                    if (username != null) {
                        events.publishEvent(new StaffLoggedIn(username,
                                OffsetDateTime.ofInstant(Instant.ofEpochMilli(event.getTime()), clock.getZone())));
                        published++;
                    }
                }
                if (page.size() < PAGE) {
                    return published;
                }
            }
        });
    }

    private String username(RealmResource realm, EventRepresentation event) {
        if (event.getUserId() == null) {
            return null;
        }
        try {
            return usernames.computeIfAbsent(event.getUserId(), id -> realm.users().get(id).toRepresentation().getUsername());
        } catch (NotFoundException deleted) {
            return null;
        }
    }
}
