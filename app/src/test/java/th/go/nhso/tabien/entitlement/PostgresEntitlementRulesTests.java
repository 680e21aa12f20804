package th.go.nhso.tabien.entitlement;

import th.go.nhso.tabien.support.PostgresTest;

@PostgresTest
class PostgresEntitlementRulesTests extends EntitlementRulesContract {
}
