package th.go.nhso.tabien.persons;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import th.go.nhso.tabien.support.PostgresTest;

@PostgresTest
class PostgresRegistryApiTests extends RegistryApiContract {

    @Test
    void runsOnPostgresWithoutDemoLogins() {
        assertThat(jdbc.sql("select version()").query(String.class).single()).startsWith("PostgreSQL");
        assertThat(accounts.find("admin")).as("demo logins never outside the embedded default").isEmpty();
    }
}
