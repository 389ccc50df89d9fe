package io.deskside.gateway.audit;

/**
 * Where the event log stops checking, and why. {@code seq} is the first entry that does not
 * check; it is null when the fault lies outside the entries (an altered checkpoint file).
 */
public record ChainBreak(Long seq, String reason) {
}
