package th.go.nhso.tabien.access;

import java.util.EnumSet;
import java.util.List;

import org.springframework.context.support.ResourceBundleMessageSource;

import th.go.nhso.tabien.authen.DataCenterRole;
import th.go.nhso.tabien.registry.Facility;
import th.go.nhso.tabien.registry.NationalId;
import th.go.nhso.tabien.system.BilingualMessages;

/** The message bundles as the application configures them, a facility and realistic people, without Spring. */
final class AccessFixtures {

    static final Facility KHON_KAEN = new Facility("10670", "โรงพยาบาลขอนแก่น", "Khon Kaen Hospital", "REGIONAL_HOSPITAL",
            "40", "ขอนแก่น", 7, "สำนักงานสาธารณสุขจังหวัดขอนแก่น");

    private AccessFixtures() {
    }

    static BilingualMessages messages() {
        var source = new ResourceBundleMessageSource();
        source.setBasenames("messages", "messages-access", "messages-accounts");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return new BilingualMessages(source);
    }

    static RequestedPeopleCheck check() {
        return new RequestedPeopleCheck(messages());
    }

    /** A valid Thai PID made from twelve digits. */
    static String pid(String twelveDigits) {
        return twelveDigits + NationalId.checkDigit(twelveDigits);
    }

    static RequestedPerson person(String twelveDigits, String first, String last, DataCenterRole... roles) {
        return new RequestedPerson(pid(twelveDigits), "นาย", first, last, "นักวิชาการสาธารณสุข",
                "somchai@example.go.th", "0812345678", roles.length == 0 ? EnumSet.noneOf(DataCenterRole.class)
                : EnumSet.copyOf(List.of(roles)));
    }

    static List<RequestedPerson> threePeople() {
        return List.of(
                new RequestedPerson(pid("110370001234"), "นาย", "สมชาย", "ใจดี", "นักวิชาการสาธารณสุขชำนาญการ",
                        "somchai.j@example.go.th", "081-234-5678",
                        EnumSet.of(DataCenterRole.INVESTMENT_BUDGET, DataCenterRole.NEW_AUTHEN_CHECK,
                                DataCenterRole.KTB_WALLET_ADMIN)),
                new RequestedPerson(pid("340990012345"), "นางสาว", "สุภาพร", "ศรีสุข", "พยาบาลวิชาชีพ",
                        "supaporn@example.go.th", "0898765432",
                        EnumSet.of(DataCenterRole.NEW_AUTHEN_RESERVE, DataCenterRole.E_CLAIM, DataCenterRole.KTB_WALLET_USER)),
                new RequestedPerson(pid("540010098765"), "นาง", "มณีรัตน์", "ทองคำ", "เจ้าพนักงานเภสัชกรรม",
                        "maneerat@example.go.th", "0612345678",
                        EnumSet.of(DataCenterRole.DRUG_CATALOG, DataCenterRole.SEAMLESS_DMIS, DataCenterRole.OP_PP_RECORD)));
    }
}
