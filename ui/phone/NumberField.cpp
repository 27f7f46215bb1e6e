#include "ui/phone/NumberField.h"

namespace Phone {

NumberField::NumberField(const QString &region, QWidget *parent)
    : QLineEdit(parent)
    , m_formatter(region)
{
    setPlaceholderText(tr("Number or client:NAME"));
    setClearButtonEnabled(true);
    setAccessibleName(tr("Number to call"));
    // textEdited, not textChanged: our own setText() must not format again.
    connect(this, &QLineEdit::textEdited, this, &NumberField::reformat);
    connect(this, &QLineEdit::returnPressed, this, [this] {
        const QString dial = dialString();
        if (!dial.isEmpty())
            Q_EMIT dialRequested(dial);
    });
}

QString NumberField::dialString() const
{
    QString typed = text().trimmed();
    for (const QChar character : typed) {
        if (character.isLetter())
            return typed; // an address such as client:NAME
    }
    return Phone::AsYouTypeFormatter::dialable(typed);
}

void NumberField::insertKey(QChar key)
{
    insert(QString(key));
    reformat();
}

void NumberField::setNumber(const QString &number)
{
    setText(number);
    setCursorPosition(int(text().size()));
    reformat();
}

void NumberField::reformat()
{
    const auto formatted = m_formatter.format(text(), cursorPosition());
    if (formatted.text == text())
        return;
    setText(formatted.text);
    setCursorPosition(formatted.cursor);
}

} // namespace Phone
