package th.go.nhso.tabien.access;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.springframework.stereotype.Component;

import th.go.nhso.tabien.registry.Facility;

/**
 * The ZIP a facility's request goes to NHSO in (seed 001, step 3): the signed scan (PDF) and
 * attachment 1 (Excel), named {@code <hcode>-<facility name>.zip}, e.g.
 * {@code 10670-โรงพยาบาลขอนแก่น.zip}. Entry names are UTF-8 with the language-encoding flag
 * (general purpose bit 11) set, so Windows Explorer and unzip show Thai names. Names are made
 * safe: no path separators, no characters Windows refuses, no control characters.
 */
@Component
public class RequestPackage {

    static final String ATTACHMENT_SUFFIX = "-เอกสารแนบ 1.xlsx";
    private static final int MAX_NAME = 120;
    /** RFC 5987 attr-char besides letters and digits. */
    private static final String ATTR_CHARS = "!#$&+-.^_`|~";

    /** The ZIP's bytes: {@code <base>.pdf} (the signed scan) and {@code <base>-เอกสารแนบ 1.xlsx}. */
    public byte[] zip(Facility facility, byte[] signedScan, byte[] attachmentOne) {
        Objects.requireNonNull(signedScan, "signedScan");
        Objects.requireNonNull(attachmentOne, "attachmentOne");
        String base = baseName(facility);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // UTF-8 is ZipOutputStream's default and makes it set the language-encoding flag on every entry
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            add(zip, base + ".pdf", signedScan);
            add(zip, base + ATTACHMENT_SUFFIX, attachmentOne);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** {@code 10670-โรงพยาบาลขอนแก่น.zip} */
    public String fileName(Facility facility) {
        return baseName(facility) + ".zip";
    }

    /**
     * For the download: {@code attachment; filename="10670.zip"; filename*=UTF-8''10670-%E0%B8...zip}
     * (an ASCII name for old clients, the Thai name per RFC 5987/6266 for the rest).
     */
    public String contentDisposition(Facility facility) {
        String asciiFallback = safe(facility.hcode()).replaceAll("[^A-Za-z0-9._-]", "_");
        return "attachment; filename=\"" + (asciiFallback.isEmpty() ? "request" : asciiFallback) + ".zip\"; filename*=UTF-8''"
                + rfc5987(fileName(facility));
    }

    private static String baseName(Facility facility) {
        String hcode = safe(facility.hcode());
        String name = safe(facility.nameTh());
        String base = name.isEmpty() ? hcode : hcode + "-" + name;
        if (base.length() > MAX_NAME) {
            base = base.substring(0, MAX_NAME).strip();
        }
        return base.isEmpty() ? "request" : base;
    }

    /** No separators (/ \), nothing Windows refuses (: * ? " < > |), no control characters, no leading dots. */
    static String safe(String text) {
        if (text == null) {
            return "";
        }
        String s = Normalizer.normalize(text, Normalizer.Form.NFC)
                .replaceAll("[\\p{Cntrl}\\p{Cf}]", "")
                .replaceAll("[/\\\\:*?\"<>|]", "_")
                .replaceAll("\\s+", " ")
                .strip();
        s = s.replaceAll("^[.\\s]+", "").replaceAll("[.\\s]+$", "");
        return s;
    }

    private static void add(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    private static String rfc5987(String value) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || ATTR_CHARS.indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return encoded.toString();
    }
}
