package io.deskside.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sets up the help desk a test needs through the real API: accounts and services with unique
 * names, so tests never depend on each other's data. Also plays the Host through the fixture.
 */
public final class HelpDesk {

    public static final String PASSWORD = "correct horse battery staple";
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000, 36);

    private HelpDesk() {
    }

    /** The first administrator, whose generated password the server wrote into its data directory. */
    public static Api admin() {
        Path file = Path.of(System.getProperty("jboss.home"), "standalone", "data", "deskside", "initial-admin-password");
        try {
            return Api.as("admin", Files.readString(file).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("the first start should have written " + file, e);
        }
    }

    public static String unique(String prefix) {
        return prefix + "-" + RUN + "-" + SEQ.incrementAndGet();
    }

    /** A fresh gateway credential from the download page, as a Host download carries it. */
    public static String hostCredential() {
        Reply reply = Api.anonymous().get("/host/credential");
        assertEquals(200, reply.status(), reply.toString());
        return reply.json().getString("credential");
    }

    /** The hello of a Host that came from this help desk's download. */
    public static io.deskside.protocol.wire.Message.Hello hostHello(String client) {
        return new io.deskside.protocol.wire.Message.Hello(io.deskside.protocol.wire.Message.Role.HOST, client, hostCredential(), "", 0);
    }

    /** Creates an account with these roles and returns its login. */
    public static String account(String prefix, String... roles) {
        String login = unique(prefix);
        JsonArrayBuilder r = Json.createArrayBuilder();
        for (String role : roles) {
            r.add(role);
        }
        Reply reply = admin().post("/api/technicians", Json.createObjectBuilder().add("login", login)
                .add("displayName", "Test " + login).add("password", PASSWORD).add("roles", r).build().toString());
        assertEquals(201, reply.status(), reply.toString());
        return login;
    }

    public static Api as(String login) {
        return Api.as(login, PASSWORD);
    }

    /** Creates a help service staffed by these technicians and returns its name. */
    public static String service(List<String> technicians) {
        String name = unique("Service");
        JsonArrayBuilder staff = Json.createArrayBuilder();
        technicians.forEach(staff::add);
        Reply reply = admin().post("/api/services", Json.createObjectBuilder().add("name", name)
                .add("description", "for tests").add("technicians", staff).build().toString());
        assertEquals(201, reply.status(), reply.toString());
        return name;
    }

    /**
     * The Host asks for help under a service; returns the fixture's answer. Each ask comes from
     * the next of 200 documentation addresses, so that the tests stay clear of the per-address
     * bounds on asks (AskLimitsIT tests those).
     */
    public static Reply askForService(String service, String customer) {
        return askForService(service, customer, "192.0.2." + (1 + Math.floorMod(ASKS.getAndIncrement(), 200)));
    }

    /** The Host asks for help under a service from the given source address. */
    public static Reply askForService(String service, String customer, String source) {
        return Api.anonymous().post(Deployments.FIXTURE_CONTEXT + "/host/service", Json.createObjectBuilder()
                .add("service", service).add("customerName", customer).add("message", "my printer is on fire")
                .add("source", source).build().toString());
    }

    private static final java.util.concurrent.atomic.AtomicInteger ASKS = new java.util.concurrent.atomic.AtomicInteger();

    /** The Host asks for help with a ticket's routing group, from the given source address. */
    public static Reply askWithTicket(String routing, String customer, String source) {
        return Api.anonymous().post(Deployments.FIXTURE_CONTEXT + "/host/ticket", Json.createObjectBuilder()
                .add("routing", routing).add("customerName", customer).add("source", source).build().toString());
    }

    public static Reply host(long requestId, String action) {
        return Api.anonymous().post(Deployments.FIXTURE_CONTEXT + "/host/" + requestId + "/" + action, null);
    }
}
