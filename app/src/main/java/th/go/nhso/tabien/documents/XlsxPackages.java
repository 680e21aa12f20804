package th.go.nhso.tabien.documents;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Locale;

import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;

/**
 * Opens an uploaded .xlsx as an Office Open XML package, the first gate of every Excel upload:
 * anything that is not one (a PDF, an old .xls, an encrypted workbook, which is an OLE2
 * container too, a zip without content types, a zip bomb) is refused with
 * {@link NotXlsxException}, and {@link #hasMacros} tells a macro-enabled workbook. POI's
 * zip-bomb checks (ZipSecureFile) apply to every entry read from the package. Close a package
 * opened here with {@link OPCPackage#revert()}: nothing is ever written back.
 */
public final class XlsxPackages {

    private XlsxPackages() {
    }

    /** Opens a file read-only, without loading it into memory. */
    public static OPCPackage open(Path file) throws NotXlsxException {
        try {
            return OPCPackage.open(file.toFile(), PackageAccess.READ);
        } catch (Exception e) {
            // not a zip, an OLE2 container (old .xls or an encrypted workbook), ODF, no content types...
            throw new NotXlsxException(e);
        }
    }

    /** Reads a (size-checked) upload into memory and opens it. */
    public static OPCPackage open(InputStream in) throws NotXlsxException {
        try {
            return OPCPackage.open(in);
        } catch (Exception e) {
            throw new NotXlsxException(e);
        }
    }

    /** Whether the package carries VBA (an .xlsm saved as .xlsx) or Excel 4 macro sheets. */
    public static boolean hasMacros(OPCPackage pkg) throws NotXlsxException {
        try {
            for (PackagePart part : pkg.getParts()) {
                String name = part.getPartName().getName().toLowerCase(Locale.ROOT);
                String type = part.getContentType().toLowerCase(Locale.ROOT);
                if (name.contains("vbaproject") || type.contains("vbaproject") || type.contains("macrosheet")
                        || type.contains("macroenabled")) {
                    return true;
                }
            }
            return false;
        } catch (InvalidFormatException e) {
            throw new NotXlsxException(e);
        }
    }

    /** The upload is not an Office Open XML package (or a part of it cannot be read). */
    public static class NotXlsxException extends IOException {
        public NotXlsxException(Throwable cause) {
            super("not a readable xlsx package", cause);
        }
    }
}
