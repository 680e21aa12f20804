package th.go.nhso.tabien.registry;

/** A hospital, a sub-district health-promoting hospital (รพ.สต.) or another unit with an hcode. */
public record Facility(String hcode, String nameTh, String nameEn, String type, String provinceCode,
                       String provinceNameTh, int region, String parentOrg) {
}
