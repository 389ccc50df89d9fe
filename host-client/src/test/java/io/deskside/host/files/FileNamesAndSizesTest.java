package io.deskside.host.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The words and names the end user and the technician see for a file. */
class FileNamesAndSizesTest {

    @Test
    void sizesReadTheWayPeopleSayThem() {
        assertEquals("640 bytes", Sizes.of(640));
        assertEquals("12 KB", Sizes.of(12 * 1024 + 100));
        assertEquals("2.1 MB", Sizes.of(2_200_000));
        assertEquals("1.0 GB", Sizes.of(1L << 30));
    }

    @Test
    void anyLocalNameBecomesANameTheProtocolTakes() {
        assertEquals("report.txt", OfferedName.of("report.txt").value());
        assertEquals("a_b.txt", OfferedName.of("a:b.txt").value());
        assertEquals("notes", OfferedName.of("notes.").value());
        assertEquals("_CON.txt", OfferedName.of("CON.txt").value());
        assertEquals(254, OfferedName.of("x".repeat(400)).value().length(), "cut below the limit");
    }

    @Test
    void aSecondFileOfTheSameNameIsNumbered() {
        assertEquals("report.pdf", SavePlaces.numbered("report.pdf", 1));
        assertEquals("report (2).pdf", SavePlaces.numbered("report.pdf", 2));
        assertEquals("README (3)", SavePlaces.numbered("README", 3));
        assertEquals(".bashrc (2)", SavePlaces.numbered(".bashrc", 2));
    }
}
