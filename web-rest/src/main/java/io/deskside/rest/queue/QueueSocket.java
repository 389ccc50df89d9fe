package io.deskside.rest.queue;

import io.deskside.gateway.queue.HelpQueue;
import io.deskside.gateway.queue.QueueChange;
import io.deskside.gateway.queue.QueueEntry;
import io.deskside.gateway.queue.QueueEvents;
import io.deskside.gateway.queue.QueueSubscriber;
import io.deskside.gateway.queue.Viewer;
import io.deskside.gateway.security.Actor;
import io.deskside.gateway.technician.TechnicianDirectory;
import io.deskside.persistence.technician.Role;
import io.deskside.rest.json.Json;
import io.deskside.rest.json.Views.RequestView;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.security.Principal;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The live queue for a technician's Guest, at {@code /api/queue/events}. The handshake is
 * authenticated like every API call. The client first gets a {@code snapshot} of the requests
 * it may see, then {@code added} and {@code removed} messages as requests come and go (a
 * removed request's {@code state} says why: claimed, expired, abandoned). The client sends
 * nothing but pings; anything else larger than a ping is refused.
 */
@ServerEndpoint("/queue/events")
public class QueueSocket {

    public record Snapshot(String type, List<RequestView> requests) {
    }

    public record Change(String type, RequestView request) {
    }

    private static final Logger LOG = Logger.getLogger(QueueSocket.class.getName());
    static final int MAX_INCOMING = 256;

    @EJB
    HelpQueue queue;

    @EJB
    QueueEvents events;

    @EJB
    TechnicianDirectory directory;

    @Resource
    ManagedExecutorService executor;

    @OnOpen
    public void open(Session session) throws IOException {
        session.setMaxTextMessageBufferSize(MAX_INCOMING);
        session.setMaxBinaryMessageBufferSize(MAX_INCOMING);
        Principal principal = session.getUserPrincipal();
        Optional<Actor> actor = principal == null ? Optional.empty() : directory.actor(principal.getName());
        if (actor.isEmpty() || !(actor.get().has(Role.technician) || actor.get().has(Role.supervisor))) {
            LOG.warning(() -> "Refused a queue subscription: " + (principal == null ? "not signed in" : "account " + principal.getName() + " has no queue role"));
            session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "needs the technician or supervisor role"));
            return;
        }
        Subscriber subscriber = new Subscriber(session, actor.get());
        session.getUserProperties().put(Subscriber.class.getName(), subscriber);
        subscriber.start();
    }

    @OnMessage
    public void message(Session session, String text) {
        // Pings only; the queue is changed through the REST API.
    }

    @OnClose
    public void close(Session session) {
        Object s = session.getUserProperties().remove(Subscriber.class.getName());
        if (s instanceof Subscriber subscriber) {
            subscriber.stop();
        }
    }

    @OnError
    public void error(Session session, Throwable error) {
        LOG.fine(() -> "Queue client error: " + error);
        close(session);
    }

    private final class Subscriber implements QueueSubscriber {

        private final Actor actor;
        private final Session session;
        private final Outbox outbox;
        private volatile Viewer viewer;
        private Runnable unsubscribe;

        Subscriber(Session session, Actor actor) {
            this.actor = actor;
            this.session = session;
            this.outbox = new Outbox(session);
        }

        synchronized void start() {
            viewer = queue.viewer(actor);
            unsubscribe = events.subscribe(this);
            outbox.sendFirst(snapshot());
            outbox.resume();
        }

        synchronized void stop() {
            if (unsubscribe != null) {
                unsubscribe.run();
                unsubscribe = null;
            }
        }

        private String snapshot() {
            return Json.write(new Snapshot("snapshot", queue.visibleTo(viewer).stream().map(RequestView::of).toList()));
        }

        @Override
        public void changed(QueueChange change) {
            QueueEntry e = change.entry();
            if (e.visibleTo(viewer)) {
                String type = switch (change.kind()) {
                    case ADDED -> "added";
                    case CHANGED -> "changed";
                    case REMOVED -> "removed";
                };
                outbox.send(Json.write(new Change(type, RequestView.of(e))));
            }
        }

        @Override
        public void staffingChanged() {
            executor.execute(() -> {
                Optional<Actor> now = directory.actorNow(actor.login());
                if (now.isEmpty() || !(now.get().has(Role.technician) || now.get().has(Role.supervisor))) {
                    stop();
                    try {
                        session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "account changed"));
                    } catch (IOException e) {
                        LOG.fine(() -> "Closing a queue client failed: " + e);
                    }
                    return;
                }
                viewer = queue.viewer(now.get());
                outbox.send(snapshot());
            });
        }
    }
}
