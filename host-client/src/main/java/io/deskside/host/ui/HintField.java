package io.deskside.host.ui;

import java.awt.Color;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.Insets;
import java.awt.RenderingHints;
import javax.swing.JTextField;

/** A text field that shows a grey hint while it is empty: what is used if the user types nothing, or what to type there. */
final class HintField extends JTextField {

    private static final long serialVersionUID = 1L;
    private String hint = "";

    HintField(int columns) {
        super(columns);
    }

    void setHint(String hint) {
        this.hint = hint == null ? "" : hint;
        getAccessibleContext().setAccessibleDescription(this.hint);
        repaint();
    }

    String hint() {
        return hint;
    }

    /** What was typed, or the hint when nothing was. */
    String valueOrHint() {
        String typed = getText().strip();
        return typed.isEmpty() ? hint : typed;
    }

    @Override
    protected void paintComponent(Graphics g) {
        super.paintComponent(g);
        if (!getText().isEmpty() || hint.isEmpty()) {
            return;
        }
        Graphics2D g2 = (Graphics2D) g.create();
        try {
            g2.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g2.setColor(Color.GRAY);
            Insets in = getInsets();
            int baseline = in.top + (getHeight() - in.top - in.bottom - g2.getFontMetrics().getHeight()) / 2 + g2.getFontMetrics().getAscent();
            g2.drawString(hint, in.left + 2, baseline);
        } finally {
            g2.dispose();
        }
    }
}
