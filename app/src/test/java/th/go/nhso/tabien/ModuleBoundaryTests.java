package th.go.nhso.tabien;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import th.go.nhso.tabien.entitlement.TransitionsReport;

/** The dependency picture of STYLE.md: registry ← authen ← processes; the core knows no process. */
class ModuleBoundaryTests {

    private static final String BASE = "th.go.nhso.tabien";
    private static final String[] PROCESS_AND_WEB_PACKAGES = {
            BASE + ".birth..", BASE + ".access..", BASE + ".entitlement..", BASE + ".tasks..", BASE + ".dashboard..",
            BASE + ".persons..", BASE + ".home..", BASE + ".demo..", BASE + ".diagram.."};

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(BASE);

    @Test
    void registryDependsOnlyOnSystem() {
        noClasses().that().resideInAPackage(BASE + ".registry..")
                .should().dependOnClassesThat().resideInAnyPackage(PROCESS_AND_WEB_PACKAGES)
                .orShould().dependOnClassesThat().resideInAPackage(BASE + ".authen..")
                .check(classes);
    }

    @Test
    void authenDependsOnNoProcessPackage() {
        noClasses().that().resideInAPackage(BASE + ".authen..")
                .should().dependOnClassesThat().resideInAnyPackage(PROCESS_AND_WEB_PACKAGES)
                .check(classes);
    }

    @Test
    void documentsDependOnNoProcessPackage() {
        noClasses().that().resideInAPackage(BASE + ".documents..")
                .should().dependOnClassesThat().resideInAnyPackage(PROCESS_AND_WEB_PACKAGES)
                .check(classes);
    }

    @Test
    void accessUsesNoOtherProcessPackage() {
        noClasses().that().resideInAPackage(BASE + ".access..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".birth..", BASE + ".entitlement..",
                        BASE + ".tasks..", BASE + ".dashboard..", BASE + ".persons..", BASE + ".home..", BASE + ".demo..")
                .check(classes);
    }

    @Test
    void systemDependsOnNoFeature() {
        noClasses().that().resideInAPackage(BASE + ".system..")
                .should().dependOnClassesThat().resideInAnyPackage(PROCESS_AND_WEB_PACKAGES)
                .orShould().dependOnClassesThat().resideInAnyPackage(BASE + ".registry..", BASE + ".authen..")
                .check(classes);
    }

    @Test
    void modelsPageFindsBoundIdsAndBeansGenericallyAndImportsNoProcessPackage() {
        noClasses().that().resideInAPackage(BASE + ".models..")
                .should().dependOnClassesThat().resideInAnyPackage(PROCESS_AND_WEB_PACKAGES)
                .check(classes);
    }

    @Test
    void taskListFindsFormsByFormKeyAndImportsNoProcessPackage() {
        noClasses().that().resideInAPackage(BASE + ".tasks..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".birth..", BASE + ".access..",
                        BASE + ".entitlement..", BASE + ".dashboard..", BASE + ".persons..", BASE + ".home..", BASE + ".demo..")
                .check(classes);
    }

    @Test
    void dashboardReadsOwnSqlAndTheTransitionsReportOnly() {
        noClasses().that().resideInAPackage(BASE + ".dashboard..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".birth..", BASE + ".access..", BASE + ".tasks..",
                        BASE + ".persons..", BASE + ".home..", BASE + ".demo..", BASE + ".diagram..")
                .orShould().dependOnClassesThat(JavaClass.Predicates.resideInAPackage(BASE + ".entitlement..")
                        .and(DescribedPredicate.not(JavaClass.Predicates.belongToAnyOf(TransitionsReport.class))))
                .check(classes);
    }

    @Test
    void processDiagramsImportNoProcessPackage() {
        noClasses().that().resideInAPackage(BASE + ".diagram..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".birth..", BASE + ".access..",
                        BASE + ".entitlement..", BASE + ".tasks..", BASE + ".dashboard..", BASE + ".persons..",
                        BASE + ".home..", BASE + ".demo..")
                .check(classes);
    }
}
