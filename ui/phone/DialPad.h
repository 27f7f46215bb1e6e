#pragma once

// The twelve keys of a telephone: 1-9, *, 0, #, each with its letters, as on a phone.

#include <QSize>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QAbstractButton;
QT_END_NAMESPACE

namespace Phone {

class DialPad : public QWidget
{
    Q_OBJECT

public:
    explicit DialPad(QWidget *parent = nullptr);

    QAbstractButton *button(QChar key) const; // null for anything but 0-9 * #
    // The largest a key grows: a phone's keypad, not a wall of buttons.
    static constexpr QSize maxKeySize { 150, 84 };

Q_SIGNALS:
    void keyPressed(QChar key);

private:
    QList<QAbstractButton *> m_buttons;
};

} // namespace Phone
