package dev.weft.router.dataplane.sleeve;

import java.util.Map;

/**
 * An immutable map from 48-bit names (peer names, MACs) to values, looked up on the packet path
 * without boxing: open addressing over two arrays. Built once from a {@link Map}; replaced, never changed.
 */
final class LongMap<V> {
    private static final LongMap<Object> EMPTY = new LongMap<>(Map.of());
    private final long[] keys;
    private final Object[] values;
    private final int mask;
    private final int size;

    LongMap(Map<Long, V> from) {
        int capacity = Integer.highestOneBit(Math.max(4, from.size() * 2 + 1)) << 1;
        keys = new long[capacity];
        values = new Object[capacity];
        mask = capacity - 1;
        size = from.size();
        for (Map.Entry<Long, V> e : from.entrySet()) {
            int i = slot(e.getKey());
            while (values[i] != null) {
                i = (i + 1) & mask;
            }
            keys[i] = e.getKey();
            values[i] = e.getValue();
        }
    }

    @SuppressWarnings("unchecked")
    static <V> LongMap<V> empty() {
        return (LongMap<V>) EMPTY;
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 40) & mask;
    }

    @SuppressWarnings("unchecked")
    V get(long key) {
        int i = slot(key);
        while (values[i] != null) {
            if (keys[i] == key) {
                return (V) values[i];
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    int size() {
        return size;
    }
}
