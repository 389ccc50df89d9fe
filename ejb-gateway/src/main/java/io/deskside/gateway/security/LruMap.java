package io.deskside.gateway.security;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map that keeps at most so many entries, making room by dropping the least recently used:
 * what per-source bookkeeping uses so that a flood of new sources cannot grow it without bound.
 * Not thread-safe: its owners synchronize.
 */
final class LruMap<K, V> extends LinkedHashMap<K, V> {

    private static final long serialVersionUID = 1L;

    private final int max;

    LruMap(int max) {
        super(256, 0.75f, true);
        this.max = max;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > max;
    }
}
