package io.deskside.protocol.desktop.screen;

import io.deskside.protocol.desktop.Rect;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds vertically scrolled content, so it travels as COPY rects instead of pixels. It looks
 * only when the dirty tiles hold a vertical run of at least {@link #MIN_TILE_RUN} in some tile
 * column. Rows are hashed per tile column (64-pixel segments), so a scrollbar or a sidebar that
 * changed spoils only its own column. Row hashes unique in a column of the Shadow vote for a
 * shift; for the winning shift every matching row is then checked exactly, so a hash collision
 * never costs a pixel. Horizontal and two-dimensional moves are left to the tiles.
 */
final class ScrollDetector {

    static final int MIN_TILE_RUN = 4;
    /** The shortest run of rows worth a COPY. */
    static final int MIN_ROWS = 32;

    private ScrollDetector() {
    }

    /**
     * The COPY rects that turn {@code shadow} into {@code current} where content scrolled, in the
     * order they must be applied. Each copied row equals the current frame exactly.
     */
    static List<Rect.Copy> detect(int[] current, int[] shadow, int stride, TileGrid grid, boolean[] dirty) {
        int[] box = dirtyBox(grid, dirty);
        if (box == null) {
            return List.of();
        }
        int c0 = box[0];
        int c1 = box[1];
        int by0 = grid.tileY(box[2]);
        int boxH = grid.tileY(box[3]) + grid.tileH(box[3]) - by0;
        int columns = c1 - c0 + 1;
        long[][] now = new long[columns][];
        long[][] old = new long[columns][];
        for (int c = 0; c < columns; c++) {
            now[c] = rowHashes(current, stride, grid.tileX(c0 + c), grid.tileW(c0 + c), by0, boxH);
            old[c] = rowHashes(shadow, stride, grid.tileX(c0 + c), grid.tileW(c0 + c), by0, boxH);
        }
        int dy = vote(now, old, boxH - MIN_ROWS);
        if (dy == 0) {
            return List.of();
        }
        List<int[]> runs = new ArrayList<>();
        Map<Long, int[]> open = new HashMap<>();
        for (int c = 0; c < columns; c++) {
            int x = grid.tileX(c0 + c);
            int w = grid.tileW(c0 + c);
            Map<Long, int[]> next = new HashMap<>();
            for (long key : verifiedRuns(current, shadow, stride, x, w, by0, now[c], old[c], dy)) {
                // A run the column to the left had too becomes one wider rect.
                int[] run = open.get(key);
                if (run == null) {
                    run = new int[] {x, by0 + (int) (key >>> 32), 0, (int) key};
                    runs.add(run);
                }
                run[2] += w;
                next.put(key, run);
            }
            open = next;
        }
        // Runs of one column never overlap their own sources when applied in the direction of the
        // shift (top-down for content moving up); different columns are disjoint.
        Comparator<int[]> byY = Comparator.comparingInt(r -> r[1]);
        runs.sort(dy > 0 ? byY : byY.reversed());
        List<Rect.Copy> copies = new ArrayList<>(runs.size());
        for (int[] r : runs) {
            copies.add(new Rect.Copy(r[0], r[1], r[2], r[3], r[0], r[1] + dy));
        }
        return copies;
    }

    /**
     * The runs of at least MIN_ROWS rows of one tile column (x, w) that equal, exactly, the
     * Shadow's rows {@code dy} further down; each as {@code start << 32 | length}, rows counted
     * from {@code y0}.
     */
    private static List<Long> verifiedRuns(int[] current, int[] shadow, int stride, int x, int w, int y0, long[] now, long[] old,
            int dy) {
        List<Long> runs = new ArrayList<>();
        int to = now.length - Math.max(0, dy);
        int runStart = -1;
        for (int y = Math.max(0, -dy); y <= to; y++) {
            int at = (y0 + y) * stride + x;
            int from = (y0 + y + dy) * stride + x;
            boolean match = y < to && now[y] == old[y + dy] && Arrays.mismatch(current, at, at + w, shadow, from, from + w) < 0;
            if (match && runStart < 0) {
                runStart = y;
            } else if (!match && runStart >= 0) {
                if (y - runStart >= MIN_ROWS) {
                    runs.add((long) runStart << 32 | (y - runStart));
                }
                runStart = -1;
            }
        }
        return runs;
    }

    /** {first column, last column, first row, last row} of the dirty tiles, or null if no column has a long enough run. */
    private static int[] dirtyBox(TileGrid grid, boolean[] dirty) {
        int cols = grid.columns();
        int c0 = Integer.MAX_VALUE;
        int c1 = -1;
        int r0 = Integer.MAX_VALUE;
        int r1 = -1;
        boolean longRun = false;
        for (int c = 0; c < cols; c++) {
            int run = 0;
            for (int r = 0; r < grid.rows(); r++) {
                if (dirty[r * cols + c]) {
                    run++;
                    longRun |= run >= MIN_TILE_RUN;
                    c0 = Math.min(c0, c);
                    c1 = Math.max(c1, c);
                    r0 = Math.min(r0, r);
                    r1 = Math.max(r1, r);
                } else {
                    run = 0;
                }
            }
        }
        return longRun ? new int[] {c0, c1, r0, r1} : null;
    }

    /** A 64-bit multiply-mix hash of each row's segment {@code [x, x+w)}, for rows {@code y0 .. y0+h-1}. */
    private static long[] rowHashes(int[] px, int stride, int x, int w, int y0, int h) {
        long[] hashes = new long[h];
        for (int row = 0; row < h; row++) {
            int at = (y0 + row) * stride + x;
            long hash = 0x9E37_79B9_7F4A_7C15L;
            for (int i = at; i < at + w; i++) {
                hash = (hash ^ px[i]) * 0xBF58_476D_1CE4_E5B9L;
                hash ^= hash >>> 31;
            }
            hashes[row] = hash;
        }
        return hashes;
    }

    /**
     * The shift {@code dy = yOld - yNew} most anchors vote for (a tie goes to the smallest
     * |dy|), or 0 for none. An anchor is a current row whose hash occurs exactly once in the
     * same column of the Shadow: blank and repeated rows do not vote.
     */
    private static int vote(long[][] now, long[][] old, int maxShift) {
        if (maxShift < 1) {
            return 0;
        }
        Map<Integer, Integer> votes = new HashMap<>();
        for (int c = 0; c < now.length; c++) {
            Map<Long, Integer> rowOf = new HashMap<>(old[c].length * 2);
            for (int y = 0; y < old[c].length; y++) {
                rowOf.merge(old[c][y], y, (a, b) -> -1);
            }
            for (int y = 0; y < now[c].length; y++) {
                Integer yOld = rowOf.get(now[c][y]);
                if (yOld != null && yOld >= 0 && yOld != y && Math.abs(yOld - y) <= maxShift) {
                    votes.merge(yOld - y, 1, Integer::sum);
                }
            }
        }
        int best = 0;
        int bestVotes = 0;
        for (Map.Entry<Integer, Integer> e : votes.entrySet()) {
            int dy = e.getKey();
            int n = e.getValue();
            if (n > bestVotes || n == bestVotes && (Math.abs(dy) < Math.abs(best) || Math.abs(dy) == Math.abs(best) && dy < best)) {
                best = dy;
                bestVotes = n;
            }
        }
        return best;
    }
}
