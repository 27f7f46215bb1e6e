#include "ui/TextTone.h"

#include <QGuiApplication>
#include <QPalette>
#include <QVariant>
#include <QWidget>

namespace Ui {

namespace {

// A dynamic property rather than a parse of the style sheet, so that of() says what was meant.
constexpr char toneProperty[] = "switchboardTextTone";

} // namespace

void TextTone::set(QWidget *widget, Tone tone)
{
    widget->setProperty(toneProperty, int(tone));
    switch (tone) {
    case Plain:
        widget->setStyleSheet(QString());
        return;
    case Hint:
        // The palette's role rather than a colour, so that hints follow a dark theme.
        widget->setStyleSheet(QStringLiteral("color: palette(mid);"));
        return;
    case Warning:
    case Problem:
        widget->setStyleSheet(QStringLiteral("color: %1;").arg(color(tone).name()));
        return;
    }
}

TextTone::Tone TextTone::of(const QWidget *widget)
{
    const QVariant tone = widget->property(toneProperty);
    return tone.isValid() ? Tone(tone.toInt()) : Plain;
}

QColor TextTone::color(Tone tone)
{
    // Dark enough to read on a light window (contrast above 4.5:1 on white), and told apart by hue.
    switch (tone) {
    case Plain:
        return {};
    case Hint:
        return QGuiApplication::palette().color(QPalette::Mid);
    case Warning:
        return QColor(0xb3, 0x5c, 0x00);
    case Problem:
        return QColor(0xc6, 0x28, 0x28);
    }
    return {};
}

} // namespace Ui
