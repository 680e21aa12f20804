package th.go.nhso.tabien.authen;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import th.go.nhso.tabien.system.BilingualMessages;
import th.go.nhso.tabien.system.TabienProperties;

/**
 * A token bucket per API client (or user): {@code burst} calls at once, refilled at
 * {@code requestsPerSecond}. Past it the answer is 429 with Retry-After, so one runaway HIS
 * loop cannot starve the other hospitals. Per node: with several nodes the limit is per node.
 */
class RateLimitFilter extends OncePerRequestFilter {

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final TabienProperties.Api limits;
    private final BilingualMessages messages;

    RateLimitFilter(TabienProperties.Api limits, BilingualMessages messages) {
        this.limits = limits;
        this.messages = messages;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (caller == null || !caller.isAuthenticated()) {
            chain.doFilter(request, response);
            return;
        }
        long waitMillis = buckets.computeIfAbsent(caller.getName(), k -> new Bucket(limits.burst())).take(limits);
        if (waitMillis > 0) {
            long seconds = Math.max(1, (waitMillis + 999) / 1000);
            tooMany(response, messages, "api.rateLimited", seconds, seconds);
            return;
        }
        chain.doFilter(request, response);
    }

    /** A 429 problem answer with Retry-After, told in both languages (also used by the login throttle). */
    static void tooMany(HttpServletResponse response, BilingualMessages messages, String code, long retryAfterSeconds,
                        Object... args) throws IOException {
        BilingualMessages.Bilingual text = messages.resolve(code, args);
        response.setStatus(429);
        response.setHeader("Retry-After", String.valueOf(retryAfterSeconds));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"status\":429,\"code\":\"" + code + "\",\"detail\":\"" + text.en()
                + "\",\"detailTh\":\"" + text.th() + "\"}");
    }

    private static final class Bucket {
        private double tokens;
        private long refilledAt = System.nanoTime();

        Bucket(int burst) {
            this.tokens = burst;
        }

        /** 0 when a call may go now, else how long until one may. */
        synchronized long take(TabienProperties.Api limits) {
            long now = System.nanoTime();
            tokens = Math.min(limits.burst(), tokens + (now - refilledAt) / 1e9 * limits.requestsPerSecond());
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / limits.requestsPerSecond() * 1000);
        }
    }
}
