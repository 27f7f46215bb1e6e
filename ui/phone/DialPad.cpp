#include "ui/phone/DialPad.h"

#include <QGridLayout>
#include <QToolButton>

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
    auto *layout = new QGridLayout(this);
    layout->setSpacing(6);
    layout->setContentsMargins(0, 0, 0, 0);
    int index = 0;
    for (const Key &key : keys) {
        const QChar character = QLatin1Char(key.key);
        auto *button = new QToolButton(this);
        const QString letters = QLatin1String(key.letters);
        button->setText(letters.isEmpty() ? QString(character) : QString(character) + u'\n' + letters);
        button->setAccessibleName(QString(character));
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
        button->setMinimumSize(56, 36);
        button->setFocusPolicy(Qt::NoFocus); // typing goes to the number field, not to the last key clicked
        QFont font = button->font();
        font.setPointSizeF(font.pointSizeF() * 1.3);
        button->setFont(font);
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
