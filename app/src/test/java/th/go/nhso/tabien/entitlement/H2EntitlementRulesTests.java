package th.go.nhso.tabien.entitlement;

import th.go.nhso.tabien.support.TabienTest;

@TabienTest
class H2EntitlementRulesTests extends EntitlementRulesContract {
}
