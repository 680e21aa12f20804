package th.go.nhso.tabien.access;

import static org.assertj.core.api.Assertions.assertThat;
import static th.go.nhso.tabien.access.AccessFixtures.person;
import static th.go.nhso.tabien.access.AccessFixtures.pid;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import th.go.nhso.tabien.authen.DataCenterRole;

class RequestedPeopleCheckTests {

    private final RequestedPeopleCheck check = AccessFixtures.check();

    @Test
    void acceptsRealisticPeople() {
        assertThat(check.problemsWith(AccessFixtures.threePeople())).isEmpty();
    }

    @Test
    void keepsTheMobileAsTenDigitsAndTheIdWithoutDashes() {
        var person = new RequestedPerson(" 1-1037-00012-34-" + pid("110370001234").charAt(12), null, "สมชาย", "ใจดี",
                "พยาบาล", "a@b.go.th", "+66 81 234 5678", Set.of(DataCenterRole.E_CLAIM));
        assertThat(person.nationalId()).isEqualTo(pid("110370001234"));
        assertThat(person.mobile()).isEqualTo("0812345678");
        assertThat(person.fullName()).isEqualTo("สมชาย ใจดี");
    }

    @Test
    void reportsABadChecksumInThaiAndEnglish() {
        String good = pid("110370001234");
        String bad = good.substring(0, 12) + (good.charAt(12) - '0' + 1) % 10;
        var problems = check.problemsWith(List.of(withId(person("110370001234", "สมชาย", "ใจดี",
                DataCenterRole.E_CLAIM), bad)));
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.row()).isEqualTo(1);
            assertThat(p.column()).isEqualTo("เลขประจำตัวประชาชน");
            assertThat(p.messageTh()).contains(bad, "เลขตรวจสอบ");
            assertThat(p.messageEn()).contains(bad, "check digit");
        });
    }

    @Test
    void reportsEveryMissingOrMalformedFieldOfARowAtOnce() {
        var blank = new RequestedPerson(null, null, null, " ", null, "somchai@", "0212345678", Set.of());
        var problems = check.problemsWith(List.of(blank));
        assertThat(problems).extracting(RowProblem::column).containsExactly(
                "เลขประจำตัวประชาชน", "ชื่อ", "นามสกุล", "ตำแหน่ง", "อีเมล", "โทรศัพท์มือถือ", "ระบบที่ขอใช้");
        assertThat(problems).allMatch(p -> p.row() == 1 && !p.messageTh().isBlank() && !p.messageEn().isBlank());
        assertThat(problems.get(1).messageTh()).isEqualTo("กรุณากรอกชื่อ");
        assertThat(problems.get(1).messageEn()).isEqualTo("First name is missing");
        assertThat(problems.get(4).messageEn()).contains("somchai@");
        assertThat(problems.get(5).messageTh()).contains("0212345678");
        assertThat(problems.get(6).messageEn()).contains("No system requested");
    }

    @Test
    void wantsNamesInThai() {
        var problems = check.problemsWith(List.of(new RequestedPerson(pid("110370001234"), "Mr.", "Somchai", "ใจดี",
                "Nurse", "a@b.go.th", "0812345678", Set.of(DataCenterRole.E_CLAIM))));
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.column()).isEqualTo("ชื่อ");
            assertThat(p.messageEn()).contains("Somchai", "Thai");
        });
    }

    @Test
    void reportsTheSamePersonTwiceOnTheLaterRow() {
        var problems = check.problemsWith(List.of(
                person("110370001234", "สมชาย", "ใจดี", DataCenterRole.E_CLAIM),
                person("340990012345", "สุภาพร", "ศรีสุข", DataCenterRole.E_CLAIM),
                person("110370001234", "สมชาย", "ใจดี", DataCenterRole.DRUG_CATALOG)));
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.row()).isEqualTo(3);
            assertThat(p.messageTh()).contains("ซ้ำกับแถวที่ 1");
            assertThat(p.messageEn()).contains("already on row 1");
        });
    }

    @Test
    void refusesTwoKtbHealthWalletAdminsOnBothRows() {
        var problems = check.problemsWith(List.of(
                person("110370001234", "สมชาย", "ใจดี", DataCenterRole.KTB_WALLET_ADMIN),
                person("340990012345", "สุภาพร", "ศรีสุข", DataCenterRole.KTB_WALLET_USER),
                person("540010098765", "มณีรัตน์", "ทองคำ", DataCenterRole.KTB_WALLET_ADMIN)));
        assertThat(problems).extracting(RowProblem::row).containsExactly(1, 3);
        assertThat(problems).allSatisfy(p -> {
            assertThat(p.column()).isEqualTo("KTB Health Wallet");
            assertThat(p.messageTh()).contains("1 ท่าน", "แถว 1, 3");
            assertThat(p.messageEn()).contains("one Admin", "rows 1, 3");
        });
    }

    @Test
    void refusesNewAuthenticationCheckAndReserveTogether() {
        var problems = check.problemsWith(List.of(person("110370001234", "สมชาย", "ใจดี",
                DataCenterRole.NEW_AUTHEN_CHECK, DataCenterRole.NEW_AUTHEN_RESERVE)));
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.column()).isEqualTo("ระบบตรวจสอบและยืนยันการเข้ารับบริการ (New Authentication)");
            assertThat(p.messageTh()).contains("ตรวจสอบสิทธิ / จองสิทธิ");
            assertThat(p.messageEn()).startsWith("New Authentication: choose only one");
        });
    }

    @Test
    void numbersProblemsByTheRowsGiven() {
        var rows = new java.util.LinkedHashMap<Integer, RequestedPerson>();
        rows.put(5, person("110370001234", "สมชาย", "ใจดี", DataCenterRole.E_CLAIM));
        rows.put(9, new RequestedPerson(pid("340990012345"), null, "สุภาพร", "ศรีสุข", "พยาบาล", "bad email",
                "0898765432", EnumSet.of(DataCenterRole.E_CLAIM)));
        assertThat(check.problemsWith(rows)).singleElement().satisfies(p -> {
            assertThat(p.row()).isEqualTo(9);
            assertThat(p.column()).isEqualTo("อีเมล");
        });
    }

    private static RequestedPerson withId(RequestedPerson p, String id) {
        return new RequestedPerson(id, p.title(), p.firstName(), p.lastName(), p.position(), p.email(), p.mobile(), p.roles());
    }
}
