package th.go.nhso.tabien.persons;

import th.go.nhso.tabien.support.TabienTest;

@TabienTest
class H2RegistryApiTests extends RegistryApiContract {
}
