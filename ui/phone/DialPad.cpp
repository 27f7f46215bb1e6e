#include "ui/phone/DialPad.h"

#include <QFontMetrics>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QToolButton>
#include <QVBoxLayout>

namespace Phone {

namespace {

struct Key
{
    char key;
    const char *letters;
};

// ITU E.161 letters; what people expect to see on a keypad.
constexpr Key keys[]
    = { { '1', "" },     { '2', "ABC" }, { '3', "DEF" },  { '4', "GHI" }, { '5', "JKL" }, { '6', "MNO" },
        { '7', "PQRS" }, { '8', "TUV" }, { '9', "WXYZ" }, { '*', "" },    { '0', "+" },   { '#', "" } };

} // namespace

DialPad::DialPad(QWidget *parent)
    : QWidget(parent)
{
    // The grid keeps a phone's proportions in a large window: it grows up to maxKeySize keys, and the
    // room beyond goes around it.
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto *row = new QHBoxLayout;
    auto *layout = new QGridLayout;
    layout->setSpacing(6);
    row->addStretch(1);
    row->addLayout(layout, 100);
    row->addStretch(1);
    outer->addLayout(row, 100);
    outer->addStretch(1);
    int index = 0;
    for (const Key &key : keys) {
        const QChar character = QLatin1Char(key.key);
        auto *button = new QToolButton(this);
        const QString letters = QLatin1String(key.letters);
        button->setText(letters.isEmpty() ? QString(character) : QString(character) + u'\n' + letters);
        button->setAccessibleName(QString(character));
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
        button->setFocusPolicy(Qt::NoFocus); // typing goes to the number field, not to the last key clicked
        QFont font = button->font();
        font.setPointSizeF(font.pointSizeF() * 1.3);
        button->setFont(font);
        // Small enough for a small window, never so small that the digit and its letters overlap.
        const QFontMetrics metrics(font);
        const QSize least(metrics.horizontalAdvance(QStringLiteral("WXYZ")) + 20,
                          2 * metrics.lineSpacing() + 10);
        button->setMinimumSize(least);
        button->setMaximumSize(maxKeySize.expandedTo(least));
        connect(button, &QToolButton::clicked, this, [this, character] { Q_EMIT keyPressed(character); });
        layout->addWidget(button, index / 3, index % 3);
        m_buttons.append(button);
        ++index;
    }
}

QAbstractButton *DialPad::button(QChar key) const
{
    for (QAbstractButton *button : m_buttons) {
        if (button->accessibleName() == QString(key))
            return button;
    }
    return nullptr;
}

} // namespace Phone
