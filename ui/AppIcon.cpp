#include "ui/AppIcon.h"

#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace Ui {

namespace {

QPixmap drawn(int size)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.scale(size / 64.0, size / 64.0); // drawn on a 64 x 64 grid
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(0x2e, 0x7d, 0x32)); // the Call button's green
    painter.drawEllipse(QRectF(2, 2, 60, 60));

    // A handset: two ear and mouth pieces joined by a curved grip, tilted as on a phone's call key.
    QPainterPath handset;
    handset.moveTo(18, 14);
    handset.cubicTo(12, 16, 11, 26, 16, 34);
    handset.cubicTo(22, 44, 32, 52, 42, 52);
    handset.cubicTo(47, 52, 51, 49, 51, 46);
    handset.lineTo(44, 39);
    handset.cubicTo(41, 37, 38, 40, 36, 42);
    handset.cubicTo(30, 39, 25, 34, 22, 28);
    handset.cubicTo(24, 26, 27, 23, 25, 20);
    handset.closeSubpath();
    painter.setBrush(Qt::white);
    painter.drawPath(handset);
    return pixmap;
}

// A red disc in the top right corner with the count, as phones badge their icons.
QPixmap badged(int size, int count)
{
    QPixmap pixmap = drawn(size);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    const qreal diameter = size * 0.55;
    const QRectF badge(size - diameter, 0, diameter, diameter);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(0xc6, 0x28, 0x28)); // the red of missed calls
    painter.drawEllipse(badge);
    QFont font = painter.font();
    font.setBold(true);
    font.setPixelSize(int(diameter * 0.7));
    painter.setFont(font);
    painter.setPen(Qt::white);
    painter.drawText(badge, Qt::AlignCenter, count > 9 ? QStringLiteral("9+") : QString::number(count));
    return pixmap;
}

} // namespace

QIcon AppIcon::withCount(int count)
{
    if (count <= 0)
        return icon();
    QIcon icon;
    for (const int size : { 16, 22, 24, 32, 48, 64, 128, 256 })
        icon.addPixmap(badged(size, count));
    return icon;
}

QIcon AppIcon::icon()
{
    QIcon icon;
    for (const int size : { 16, 22, 24, 32, 48, 64, 128, 256 })
        icon.addPixmap(drawn(size));
    return icon;
}

} // namespace Ui
