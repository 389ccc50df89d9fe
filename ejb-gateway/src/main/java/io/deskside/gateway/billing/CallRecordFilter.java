package io.deskside.gateway.billing;

import java.time.Instant;

/**
 * Which call records a billing system asks for: asked in [{@code from}, {@code to}), by one
 * technician (login), for one service (name), open or closed ones. Nulls mean "any".
 */
public record CallRecordFilter(Instant from, Instant to, String technician, String service, Boolean closed) {
}
