package io.deskside.protocol.client;

import io.deskside.protocol.wire.Frame;
import java.net.URI;

/**
 * The HTTP side of a tunnel, written once for both ends: where the tunnels are, the headers the
 * HTTP transports speak, and what each answer's status means to a client. The gateway's servlets
 * and endpoints and the client's transports use these and no literals of their own; see
 * docs/PROTOCOL.md, "Tunnels and transports".
 */
public final class HttpTunnelContract {

    /** The Host's tunnel, in the download site's context (the root). */
    public static final String HOST_PATH = "/tunnel";
    /** The API's context. */
    public static final String API_CONTEXT = "/api";
    /** The Guest's tunnel within the API's context, for a help request the technician claimed. */
    public static final String GUEST_PATH = "/sessions/{id}/tunnel";

    /** The body of every frames request and answer: frames back to back. */
    public static final String MEDIA_TYPE = "application/vnd.deskside.frames";
    /** Names the tunnel a request carries on ({@code id.secret}, from the first WELCOME). */
    public static final String TOKEN = "Deskside-Tunnel";
    /** The number of the first counted frame in a request or answer body. */
    public static final String SEQ = "Deskside-Seq";
    /** How many counted frames the sender has received so far. */
    public static final String RECEIVED = "Deskside-Received";
    /** Transaction mode: how long (milliseconds) the gateway may hold the request for frames. */
    public static final String WAIT = "Deskside-Wait";
    /** The largest request body the gateway reads: a frame of the largest size and some more. */
    public static final int MAX_BODY_BYTES = Frame.MAX_PAYLOAD_BYTES + 64 * 1024;

    /** 200: frames (or an empty acknowledgement). */
    public static final int FRAMES = 200;
    /** 400: malformed frames or headers; a live tunnel that sent garbage is ended. */
    public static final int MALFORMED = 400;
    /** 403: not here (through a proxy: use transaction mode; or a web page of another site). */
    public static final int REFUSED_HERE = 403;
    /** 404: no such tunnel. */
    public static final int NO_SUCH_TUNNEL = 404;
    /** 409: an earlier request has not arrived; resend from the count in {@link #RECEIVED}. */
    public static final int HOLE = 409;
    /** 413: a body larger than {@link #MAX_BODY_BYTES}. */
    public static final int TOO_LARGE = 413;

    private HttpTunnelContract() {
    }

    /** The Host's tunnel on a gateway ({@code https://help.example.com}). */
    public static URI host(URI gateway) {
        return gateway.resolve(HOST_PATH);
    }

    /** A Guest's tunnel for request {@code requestId} on a gateway. */
    public static URI guest(URI gateway, long requestId) {
        return gateway.resolve(API_CONTEXT + GUEST_PATH.replace("{id}", Long.toString(requestId)));
    }
}
