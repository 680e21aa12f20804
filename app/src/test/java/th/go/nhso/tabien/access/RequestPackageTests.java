package th.go.nhso.tabien.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;

import th.go.nhso.tabien.registry.Facility;

class RequestPackageTests {

    private final RequestPackage requestPackage = new RequestPackage();

    @Test
    void namesTheZipAfterTheFacilityCodeAndName() {
        assertThat(requestPackage.fileName(AccessFixtures.KHON_KAEN)).isEqualTo("10670-โรงพยาบาลขอนแก่น.zip");
    }

    @Test
    void holdsTheSignedPdfAndAttachmentOneByteForByte() throws IOException {
        byte[] pdf = "%PDF-1.4 signed scan\n%%EOF".getBytes(StandardCharsets.US_ASCII);
        byte[] xlsx = new AttachmentOne().filled(AccessFixtures.KHON_KAEN, AccessFixtures.threePeople());

        Map<String, byte[]> entries = unzip(requestPackage.zip(AccessFixtures.KHON_KAEN, pdf, xlsx));

        assertThat(entries).containsOnlyKeys("10670-โรงพยาบาลขอนแก่น.pdf", "10670-โรงพยาบาลขอนแก่น-เอกสารแนบ 1.xlsx");
        assertThat(entries.get("10670-โรงพยาบาลขอนแก่น.pdf")).isEqualTo(pdf);
        assertThat(entries.get("10670-โรงพยาบาลขอนแก่น-เอกสารแนบ 1.xlsx")).isEqualTo(xlsx);
    }

    @Test
    void marksEntryNamesAsUtf8() {
        byte[] zip = requestPackage.zip(AccessFixtures.KHON_KAEN, new byte[] {1}, new byte[] {2});
        // local file header: signature PK\3\4, version (2 bytes), then the general purpose flags
        assertThat(zip[0]).isEqualTo((byte) 'P');
        assertThat(zip[1]).isEqualTo((byte) 'K');
        int flags = (zip[6] & 0xff) | (zip[7] & 0xff) << 8;
        assertThat(flags & 0x800).as("language encoding flag (bit 11)").isNotZero();
    }

    @Test
    void keepsPathSeparatorsAndWindowsReservedCharactersOutOfNames() throws IOException {
        var sneaky = new Facility("../99", "รพ.สต.บ้าน/นา\\ใต้: \"ทดสอบ\"\n", null, null, "40", "ขอนแก่น", 7, null);

        String name = requestPackage.fileName(sneaky);

        assertThat(name).isEqualTo("_99-รพ.สต.บ้าน_นา_ใต้_ _ทดสอบ_.zip").doesNotContain("/", "\\", "..");
        assertThat(unzip(requestPackage.zip(sneaky, new byte[] {1}, new byte[] {2})).keySet())
                .allSatisfy(entry -> assertThat(entry).doesNotContain("/", "\\").startsWith("_99-"));
    }

    @Test
    void givesAContentDispositionWithTheThaiNamePerRfc5987() {
        String header = requestPackage.contentDisposition(AccessFixtures.KHON_KAEN);

        assertThat(header).startsWith("attachment; filename=\"10670.zip\"; filename*=UTF-8''10670-%E0%B9%82%E0%B8%A3");
        String encoded = header.substring(header.indexOf("UTF-8''") + "UTF-8''".length());
        assertThat(encoded).matches("[A-Za-z0-9!#$&+\\-.^_`|~%]+");
        assertThat(URLDecoder.decode(encoded, StandardCharsets.UTF_8)).isEqualTo("10670-โรงพยาบาลขอนแก่น.zip");
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }
}
