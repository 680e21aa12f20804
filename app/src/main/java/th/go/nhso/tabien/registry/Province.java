package th.go.nhso.tabien.registry;

/** One of the 77 provinces with the NHSO region (1–13) that serves it. */
public record Province(String code, String nameTh, String nameEn, int region) {
}
