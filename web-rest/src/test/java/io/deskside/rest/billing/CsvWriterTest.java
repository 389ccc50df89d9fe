package io.deskside.rest.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CsvWriterTest {

    @Test
    void cellsAreQuotedOnlyWhenTheyMustBe() {
        assertEquals("", CsvWriter.cell(null));
        assertEquals("42", CsvWriter.cell(42L));
        assertEquals("2026-11-25T10:00:00Z", CsvWriter.cell(Instant.parse("2026-11-25T10:00:00Z")));
        assertEquals("ann@pc-17", CsvWriter.cell("ann@pc-17"));
        assertEquals("\"Smith, Ann\"", CsvWriter.cell("Smith, Ann"));
        assertEquals("\"say \"\"hi\"\"\"", CsvWriter.cell("say \"hi\""));
        assertEquals("\"two\nlines\"", CsvWriter.cell("two\nlines"));
    }

    @Test
    void whatASpreadsheetWouldRunAsAFormulaIsDefused() {
        assertEquals("\"'=1+1\"", CsvWriter.cell("=1+1"));
        assertEquals("\"'+49 30 1234\"", CsvWriter.cell("+49 30 1234"));
        assertEquals("\"'-2\"", CsvWriter.cell("-2"));
        assertEquals("\"'@SUM(A1)\"", CsvWriter.cell("@SUM(A1)"));
    }
}
