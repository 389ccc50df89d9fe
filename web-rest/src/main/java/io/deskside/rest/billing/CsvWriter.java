package io.deskside.rest.billing;

import io.deskside.rest.json.Views.CallRecordView;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;

/**
 * Call records as RFC 4180 CSV, one header line, for spreadsheets and billing imports. A text
 * cell that a spreadsheet would take for a formula (it starts with = + - @ or a tab) gets a
 * leading apostrophe: end users type their own names.
 */
public final class CsvWriter {

    public static final String HEADER = "id,service,ticket,technician,technician_name,customer_name,source_address,"
            + "asked_at,claimed_at,confirmed_at,ended_at,outcome,end_reason,billable_seconds,bytes_to_host,bytes_to_guest";

    private CsvWriter() {
    }

    public static void header(Writer out) throws IOException {
        out.write(HEADER);
        out.write("\r\n");
    }

    public static void row(Writer out, CallRecordView c) throws IOException {
        Object[] cells = {c.id(), c.service(), c.ticket(), c.technician(), c.technicianName(), c.customerName(),
            c.sourceAddress(), c.askedAt(), c.claimedAt(), c.confirmedAt(), c.endedAt(), c.outcome(), c.endReason(),
            c.billableSeconds(), c.bytesToHost(), c.bytesToGuest()};
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(cell(cells[i]));
        }
        out.write("\r\n");
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number || value instanceof Instant) {
            return value.toString();
        }
        String s = value.toString();
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0
                || s.startsWith("'")) {
            s = '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
