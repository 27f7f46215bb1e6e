#pragma once

// How a line of text on a page reads at a glance: plain, a quiet hint, a warning, or a problem. Every
// coloured text in the window takes its colour from here, so a problem looks the same on every page.

#include <QColor>

QT_BEGIN_NAMESPACE
class QWidget;
QT_END_NAMESPACE

namespace Ui {

class TextTone
{
public:
    enum Tone { Plain, Hint, Warning, Problem };

    // Replaces widget's style sheet: a widget that shows a tone has no other style of its own.
    static void set(QWidget *widget, Tone tone);
    // What set() last gave widget (Plain if never): what tests ask, rather than reading style sheets.
    static Tone of(const QWidget *widget);
    // For text that is painted rather than styled, such as table cells; invalid for Plain, which keeps the
    // palette's own colour.
    static QColor color(Tone tone);
};

} // namespace Ui
