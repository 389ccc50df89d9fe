package io.deskside.gateway.relay;

import io.deskside.gateway.queue.HelpQueue;
import io.deskside.gateway.queue.QueueChange;
import io.deskside.gateway.queue.QueueEvents;
import io.deskside.persistence.queue.RequestState;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live connections of the gateway, by help request: who is waiting, so that a claim reaches
 * the right Host at once. Lookups are lock-free; no frame ever passes through a container lock.
 */
@Singleton
@Startup
@DependsOn({"QueueEvents", "HelpQueue"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class SessionDirectory {

    @EJB
    HelpQueue queue;

    @EJB
    QueueEvents events;

    @Resource
    ManagedExecutorService executor;

    private final Map<Long, HostConnection> hosts = new ConcurrentHashMap<>();
    private Runnable unsubscribe;

    @PostConstruct
    void listen() {
        unsubscribe = events.subscribe(change -> {
            if (change.kind() == QueueChange.Kind.REMOVED && change.entry().state() == RequestState.CLAIMED) {
                HostConnection host = hosts.get(change.entry().id());
                if (host != null) {
                    // Off the committing thread: the claim's transaction has just ended there.
                    executor.execute(() -> host.claimed(change.entry()));
                }
            }
        });
    }

    @PreDestroy
    void stop() {
        unsubscribe.run();
    }

    /** A new Host connection over some transport; the transport feeds it and reports its end. */
    public HostConnection openHost(ConnectionSink sink, String source) {
        return new HostConnection(sink, source, queue, this);
    }

    void waiting(long requestId, HostConnection host) {
        hosts.put(requestId, host);
    }

    void gone(long requestId, HostConnection host) {
        hosts.remove(requestId, host);
    }

    public int liveHosts() {
        return hosts.size();
    }
}
