package io.deskside.rest.billing;

import io.deskside.gateway.audit.EventLog;
import io.deskside.gateway.billing.CallRecordFilter;
import io.deskside.gateway.billing.CallRecords;
import io.deskside.gateway.error.GatewayException;
import io.deskside.persistence.billing.CallRecord;
import io.deskside.persistence.technician.Role;
import io.deskside.rest.error.Params;
import io.deskside.rest.json.Views.CallRecordView;
import io.deskside.rest.json.Views.EventView;
import io.deskside.rest.json.Views.Page;
import io.deskside.rest.security.Caller;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Call records, the billing records: filtered by when the call was asked for ({@code from}
 * inclusive, {@code to} exclusive), technician, service and whether closed; paged as JSON, or
 * the whole selection as CSV for {@code Accept: text/csv}.
 */
@Path("call-records")
@RequestScoped
public class CallRecordResource {

    static final int DEFAULT_PAGE = 100;
    static final int CSV_BATCH = 500;

    @Inject
    Caller caller;

    @EJB
    CallRecords records;

    @EJB
    EventLog events;

    @GET
    @Produces("application/json;qs=1")
    public Page<CallRecordView> page(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("technician") String technician, @QueryParam("service") String service,
            @QueryParam("closed") String closed, @QueryParam("page") String page, @QueryParam("size") String size) {
        caller.require(Role.billing);
        CallRecordFilter filter = filter(from, to, technician, service, closed);
        int p = Params.integer("page", page, 0, 0, 1_000_000);
        int s = Params.integer("size", size, DEFAULT_PAGE, 1, CallRecords.MAX_PAGE);
        List<CallRecordView> items = records.search(filter, p * s, s).stream().map(CallRecordView::of).toList();
        return new Page<>(items, p, s, records.count(filter));
    }

    @GET
    @Produces("text/csv;qs=0.5")
    public Response csv(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("technician") String technician, @QueryParam("service") String service,
            @QueryParam("closed") String closed) {
        caller.require(Role.billing);
        CallRecordFilter filter = filter(from, to, technician, service, closed);
        StreamingOutput body = out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            CsvWriter.header(w);
            for (int offset = 0; ; offset += CSV_BATCH) {
                List<CallRecord> batch = records.search(filter, offset, CSV_BATCH);
                for (CallRecord c : batch) {
                    CsvWriter.row(w, CallRecordView.of(c));
                }
                if (batch.size() < CSV_BATCH) {
                    break;
                }
            }
            w.flush();
        };
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"call-records.csv\"")
                .build();
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public CallRecordView one(@PathParam("id") String id) {
        caller.require(Role.billing);
        return CallRecordView.of(records.find(Params.id("id", id)));
    }

    @GET
    @Path("{id}/events")
    @Produces(MediaType.APPLICATION_JSON)
    public List<EventView> events(@PathParam("id") String id) {
        caller.require(Role.billing);
        long requestId = records.find(Params.id("id", id)).requestId();
        return events.forRequest(requestId).stream().map(EventView::of).toList();
    }

    private static CallRecordFilter filter(String from, String to, String technician, String service, String closed) {
        var f = new CallRecordFilter(Params.instant("from", from), Params.instant("to", to),
                blankToNull(technician), blankToNull(service), Params.bool("closed", closed));
        if (f.from() != null && f.to() != null && !f.from().isBefore(f.to())) {
            throw GatewayException.invalid("from must be before to");
        }
        return f;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
