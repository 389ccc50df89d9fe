package io.deskside.host.ui;

import io.deskside.host.RealHome;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.swing.Icon;
import javax.swing.JFileChooser;
import javax.swing.filechooser.FileSystemView;

/**
 * The one file chooser the Host shows: Swing's, never {@code java.awt.FileDialog} (the GTK one
 * records recent files, a footprint: host-plan §5.1). It starts in the real home's Downloads
 * folder, and its Home button goes to the real home, since {@code user.home} is {@code /dev/null}
 * while the Host runs ({@link RealHome}).
 */
final class HostFileChooser {

    private HostFileChooser() {
    }

    static JFileChooser create() {
        JFileChooser c = new JFileChooser(downloads().toFile(), new RealHomeView());
        c.setFileSelectionMode(JFileChooser.FILES_ONLY);
        c.setMultiSelectionEnabled(false);
        return c;
    }

    /** The real home's Downloads folder if there is one, else the real home. */
    static Path downloads() {
        Path home = RealHome.path();
        Path d = home.resolve("Downloads");
        return Files.isDirectory(d) ? d : home;
    }

    /** The platform's view of files, but with the real home. */
    private static final class RealHomeView extends FileSystemView {
        private final FileSystemView base = FileSystemView.getFileSystemView();

        @Override
        public File getHomeDirectory() {
            return RealHome.path().toFile();
        }

        @Override
        public File getDefaultDirectory() {
            return downloads().toFile();
        }

        @Override
        public File createNewFolder(File containingDir) throws IOException {
            return base.createNewFolder(containingDir);
        }

        @Override
        public File[] getRoots() {
            return base.getRoots();
        }

        @Override
        public boolean isRoot(File f) {
            return base.isRoot(f);
        }

        @Override
        public boolean isFileSystemRoot(File dir) {
            return base.isFileSystemRoot(dir);
        }

        @Override
        public boolean isDrive(File dir) {
            return base.isDrive(dir);
        }

        @Override
        public boolean isComputerNode(File dir) {
            return base.isComputerNode(dir);
        }

        @Override
        public Boolean isTraversable(File f) {
            return base.isTraversable(f);
        }

        @Override
        public String getSystemDisplayName(File f) {
            return base.getSystemDisplayName(f);
        }

        @Override
        public Icon getSystemIcon(File f) {
            return base.getSystemIcon(f);
        }

        @Override
        public File[] getFiles(File dir, boolean useFileHiding) {
            return base.getFiles(dir, useFileHiding);
        }

        @Override
        public File getParentDirectory(File dir) {
            return base.getParentDirectory(dir);
        }

        @Override
        public File getChild(File parent, String fileName) {
            return base.getChild(parent, fileName);
        }

        @Override
        public boolean isFileSystem(File f) {
            return base.isFileSystem(f);
        }

        @Override
        public File createFileObject(String path) {
            return base.createFileObject(path);
        }

        @Override
        public File createFileObject(File dir, String filename) {
            return base.createFileObject(dir, filename);
        }
    }
}
