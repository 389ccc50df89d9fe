package io.deskside.host.input;

import java.awt.Toolkit;
import java.awt.datatransfer.Clipboard;
import java.awt.datatransfer.DataFlavor;
import java.awt.datatransfer.StringSelection;
import java.awt.datatransfer.Transferable;
import java.awt.datatransfer.UnsupportedFlavorException;
import java.io.IOException;

/**
 * The system clipboard, as {@link TextTyper} borrows it. Whatever holds an image or files counts as
 * {@link TextClipboard.Other}, even if it offers text as well (a picture with a caption): putting
 * back only the text would lose the rest. Text that also came with formatting (copied from a
 * browser or a word processor) is put back as plain text. A clipboard another program is holding
 * open right now counts as {@code Other} too: it is left alone.
 */
public final class SystemTextClipboard implements TextClipboard {

    /** A selection with nothing in it: how the AWT leaves a clipboard empty. */
    private static final Transferable NOTHING = new Transferable() {
        @Override
        public DataFlavor[] getTransferDataFlavors() {
            return new DataFlavor[0];
        }

        @Override
        public boolean isDataFlavorSupported(DataFlavor flavor) {
            return false;
        }

        @Override
        public Object getTransferData(DataFlavor flavor) throws UnsupportedFlavorException {
            throw new UnsupportedFlavorException(flavor);
        }
    };

    private static Clipboard clipboard() {
        return Toolkit.getDefaultToolkit().getSystemClipboard();
    }

    @Override
    public Contents contents() {
        try {
            Clipboard board = clipboard();
            DataFlavor[] flavors = board.getAvailableDataFlavors();
            if (flavors.length == 0) {
                return new Empty();
            }
            if (!isPlainText(flavors)) {
                return new Other();
            }
            return new Text((String) board.getData(DataFlavor.stringFlavor));
        } catch (IllegalStateException | UnsupportedFlavorException | IOException e) {
            // Held open by another program, or it changed while being read: not ours to touch.
            return new Other();
        }
    }

    /** Whether what the clipboard offers is text and nothing else worth keeping (no image, no files). */
    static boolean isPlainText(DataFlavor[] flavors) {
        boolean text = false;
        for (DataFlavor f : flavors) {
            if (f.equals(DataFlavor.imageFlavor) || f.equals(DataFlavor.javaFileListFlavor) || f.getPrimaryType().equals("image")
                    || f.isMimeTypeEqual("text/uri-list")) {
                return false;
            }
            text |= f.equals(DataFlavor.stringFlavor);
        }
        return text;
    }

    @Override
    public void put(String text) {
        clipboard().setContents(new StringSelection(text), null);
    }

    @Override
    public void empty() {
        clipboard().setContents(NOTHING, null);
    }
}
