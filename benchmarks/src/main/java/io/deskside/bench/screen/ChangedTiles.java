package io.deskside.bench.screen;

import io.deskside.protocol.desktop.screen.TileGrid;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;

/**
 * The protocol's own change detection ({@code ChangeDetector.dirtyTiles}), reached by
 * reflection because it is package-private: the benchmarks measure the Host's code itself, not a
 * copy of it, and the baselines (PNG and deflate of tiles) encode exactly the tiles it finds.
 * If the protocol renames it, this fails at class load with the name to look for.
 */
final class ChangedTiles {

    private static final MethodHandle DIRTY_TILES = find();

    private ChangedTiles() {
    }

    private static MethodHandle find() {
        try {
            Class<?> detector = Class.forName("io.deskside.protocol.desktop.screen.ChangeDetector");
            Method m = detector.getDeclaredMethod("dirtyTiles", int[].class, int[].class, int.class, TileGrid.class);
            m.setAccessible(true);
            return MethodHandles.lookup().unreflect(m);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError("io.deskside.protocol.desktop.screen.ChangeDetector.dirtyTiles(int[], int[], int, TileGrid): " + e);
        }
    }

    /** One flag per tile of {@code grid}, raster order: true where {@code current} differs from {@code previous}. */
    static boolean[] dirty(int[] current, int[] previous, int stride, TileGrid grid) {
        try {
            return (boolean[]) DIRTY_TILES.invokeExact(current, previous, stride, grid);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
